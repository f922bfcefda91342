package cn.yibao.crossregion.security;

import cn.yibao.crossregion.api.CsrfGuard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages sign in with a form and a session cookie; whatever a page can change is refused
 * without its CSRF token, so another site's page cannot make a signed-in analyst's browser
 * change the policy. Machine callers with HTTP Basic need no token.
 */
@QuarkusTest
class SignInTest {

    private static final String SESSION = "quarkus-credential";

    /** A signed-in browser's cookies: the session, and the CSRF token the page was given. */
    private record Page(String session, String csrfCookie, String csrfToken) {
    }

    private static Page signIn(String user, String password) {
        Response signedIn = given().auth().none().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        assertEquals(200, signedIn.statusCode());
        String session = signedIn.getCookie(SESSION);
        assertNotNull(session, "no session cookie");
        Response current = given().auth().none().cookie(SESSION, session).get("/api/v1/session");
        current.then().statusCode(200).body("username", equalTo(user));
        return new Page(session, current.getCookie(CsrfGuard.COOKIE), current.path("csrfToken"));
    }

    @Test
    void shouldSignInWithAFormAndGiveAnHttpOnlySameSiteSessionCookie() {
        Response signedIn = given().auth().none().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "analyst").formParam("j_password", "analyst-password")
                .post("/j_security_check");
        signedIn.then().statusCode(200);
        String setCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SESSION + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP here: " + setCookie);

        given().auth().none().cookie(SESSION, signedIn.getCookie(SESSION)).get("/api/v1/session").then().statusCode(200)
                .body("username", equalTo("analyst"))
                .body("roles", hasItems(Role.ANALYST))
                .body("csrfToken", not(equalTo("")))
                .header("Set-Cookie", containsString(CsrfGuard.COOKIE + "="))
                .header("Set-Cookie", containsStringIgnoringCase("HttpOnly"));
    }

    @Test
    void shouldRefuseAWrongPasswordAtSignInWithoutASession() {
        Response refused = given().auth().none().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "analyst").formParam("j_password", "guess")
                .post("/j_security_check");
        assertEquals(401, refused.statusCode());
        assertEquals(null, refused.getCookie(SESSION));
        given().auth().none().get("/api/v1/session").then().statusCode(401);
    }

    /** What a form or a text/plain post from another site's page looks like to the service: the cookie, no token. */
    @ParameterizedTest(name = "{0} {1} as {2} without the token: 403")
    @CsvSource({
            "POST, /api/v1/rulesets/reload, text/plain",
            "POST, /api/v1/rulesets/reload, application/x-www-form-urlencoded",
            "POST, /api/v1/rulesets/sha256:0000000000000000000000000000000000000000000000000000000000000000/activate, application/x-www-form-urlencoded",
            "POST, /api/v1/rulesets/sha256:0000000000000000000000000000000000000000000000000000000000000000/activate, text/plain",
            "POST, /api/v1/rulesets/drafts, text/plain",
            "POST, /api/v1/rulesets/drafts, application/x-www-form-urlencoded",
            "POST, /api/v1/replays, text/plain",
            "POST, /api/v1/replays, application/json",
            "POST, /api/v1/session/sign-out, text/plain",
    })
    void shouldRefuseAChangeFromASignedInPageWithoutItsCsrfToken(String method, String path, String contentType) {
        Page page = signIn("tester", "tester-password");
        String liveBefore = liveVersion();

        given().auth().none().cookie(SESSION, page.session()).cookie(CsrfGuard.COOKIE, page.csrfCookie())
                .contentType(contentType).body("activate=yes")
                .request(method, path).then().statusCode(403)
                .body("errors[0].field", equalTo(CsrfGuard.HEADER));
        given().auth().none().cookie(SESSION, page.session()).cookie(CsrfGuard.COOKIE, page.csrfCookie())
                .header(CsrfGuard.HEADER, page.csrfToken() + "x")
                .contentType(contentType).body("activate=yes")
                .request(method, path).then().statusCode(403);
        given().auth().none().cookie(SESSION, page.session())
                .header(CsrfGuard.HEADER, page.csrfToken())
                .contentType(contentType).body("activate=yes")
                .request(method, path).then().statusCode(403);

        assertEquals(liveBefore, liveVersion(), "a refused request changed the live ruleset");
    }

    @Test
    void shouldLetASignedInPageChangeWithItsToken() {
        Page page = signIn("analyst", "analyst-password");
        given().auth().none().cookie(SESSION, page.session()).cookie(CsrfGuard.COOKIE, page.csrfCookie())
                .header(CsrfGuard.HEADER, page.csrfToken())
                .post("/api/v1/rulesets/reload").then().statusCode(200);
    }

    @Test
    void shouldNotAskMachineCallersWithBasicForAToken() {
        given().auth().preemptive().basic("analyst", "analyst-password")
                .post("/api/v1/rulesets/reload").then().statusCode(200);
    }

    @Test
    void shouldSignOutByClearingTheSessionCookie() {
        Page page = signIn("auditor", "auditor-password");
        Response out = given().auth().none().cookie(SESSION, page.session()).cookie(CsrfGuard.COOKIE, page.csrfCookie())
                .header(CsrfGuard.HEADER, page.csrfToken())
                .post("/api/v1/session/sign-out");
        out.then().statusCode(204);
        String cleared = out.getHeaders().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SESSION + "=")).findFirst().orElseThrow();
        assertTrue(cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void shouldServeThePagesWithoutDataToAnyoneAndTheDataOnlyToTheirRoles() {
        given().auth().none().get("/").then().statusCode(200).body(containsString("session.js"));
        given().auth().none().get("/login.html").then().statusCode(200).body(containsString("j_security_check"));
        Page caller = signIn("caller", "caller-password");
        given().auth().none().cookie(SESSION, caller.session()).get("/api/v1/decisions").then().statusCode(403);
        Page auditor = signIn("auditor", "auditor-password");
        given().auth().none().cookie(SESSION, auditor.session()).get("/api/v1/decisions").then().statusCode(200);
    }

    private static String liveVersion() {
        return given().auth().preemptive().basic("auditor", "auditor-password").get("/api/v1/rulesets")
                .then().statusCode(200).extract().path("find { it.active }.version");
    }
}
