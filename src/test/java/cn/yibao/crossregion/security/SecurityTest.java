package cn.yibao.crossregion.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every endpoint: 401 without credentials, 403 for each role that may not use it, neither for one that may. */
@QuarkusTest
class SecurityTest {

    private static final String UNKNOWN = "sha256:" + "0".repeat(64);

    static Stream<Arguments> endpoints() {
        return Stream.of(
                arguments("POST", "/api/v1/decisions/claim", Set.of(Role.CALLER)),
                arguments("POST", "/api/v1/decisions/filing", Set.of(Role.CALLER)),
                arguments("GET", "/api/v1/decisions", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/decisions/00000000-0000-0000-0000-000000000000", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/decisions/00000000-0000-0000-0000-000000000000/explanation", Set.of(Role.AUDITOR, Role.ANALYST)),
                arguments("GET", "/api/v1/decisions/export", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/audit/verify", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/decisions/00000000-0000-0000-0000-000000000000/proof", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/audit/checkpoint", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/audit/consistency?chain=main&first=1&second=1", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/audit/public-key", Set.of(Role.AUDITOR)),
                arguments("GET", "/api/v1/rulesets", Set.of(Role.ANALYST, Role.AUDITOR)),
                arguments("GET", "/api/v1/rulesets/" + UNKNOWN, Set.of(Role.ANALYST, Role.AUDITOR)),
                arguments("POST", "/api/v1/rulesets/drafts", Set.of(Role.ANALYST)),
                arguments("POST", "/api/v1/rulesets/" + UNKNOWN + "/activate", Set.of(Role.ANALYST)),
                arguments("POST", "/api/v1/rulesets/reload", Set.of(Role.ANALYST)),
                arguments("POST", "/api/v1/replays", Set.of(Role.ANALYST)),
                arguments("GET", "/api/v1/session", Set.of(Role.CALLER, Role.ANALYST, Role.AUDITOR)));
    }

    @ParameterizedTest(name = "{0} {1} is for {2}")
    @MethodSource("endpoints")
    void shouldLetOnlyTheRightRolesIn(String method, String path, Set<String> allowed) {
        call(given().auth().none(), method, path).then().statusCode(401);
        for (String role : List.of(Role.CALLER, Role.ANALYST, Role.AUDITOR)) {
            var answer = call(given().auth().preemptive().basic(role, role + "-password"), method, path).then();
            if (allowed.contains(role)) {
                answer.statusCode(allOf(not(equalTo(401)), not(equalTo(403))));
            } else {
                answer.statusCode(403);
            }
        }
    }

    @ParameterizedTest(name = "a wrong password is refused on {1}")
    @MethodSource("endpoints")
    void shouldRefuseAWrongPassword(String method, String path, Set<String> allowed) {
        call(given().auth().preemptive().basic(allowed.iterator().next(), "not-the-password"), method, path).then().statusCode(401);
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @org.junit.jupiter.api.Test
    void shouldLeaveHealthMetricsAndTheApiDescriptionOpen() {
        given().auth().none().get(ready).then().statusCode(200);
        given().auth().none().get(metrics).then().statusCode(200);
        given().auth().none().get("/q/openapi").then().statusCode(200);
        given().auth().none().get("/q/swagger-ui/").then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void shouldServeHealthAndMetricsOnlyOnTheManagementPort() {
        given().auth().none().get("/q/health/ready").then().statusCode(404);
        given().auth().none().get("/q/metrics").then().statusCode(404);
    }

    private static io.restassured.response.Response call(RequestSpecification request, String method, String path) {
        return "GET".equals(method) ? request.get(path) : request.contentType("application/json").body("{}").post(path);
    }
}
