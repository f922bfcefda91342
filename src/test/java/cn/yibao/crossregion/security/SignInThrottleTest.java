package cn.yibao.crossregion.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Password guessing slows down: 3 failures in a row for a user, or 6 from an address, and the
 * next attempt must wait 1 s, then 2 s, ...; an attempt that comes too early gets 429 with
 * Retry-After, before its password is checked. One test, in order, on a service of its own
 * (the counts are this instance's memory).
 */
@QuarkusTest
@TestProfile(SignInThrottleTest.FewFreeFailures.class)
class SignInThrottleTest {

    public static class FewFreeFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // %test. like the suite's own values in application.properties, which a plain key would not replace
                    "%test.security.sign-in.free-failures-per-user", "3",
                    "%test.security.sign-in.free-failures-per-address", "6",
                    "security.sign-in.first-delay", "1S",
                    "security.sign-in.max-delay", "4S",
                    "%test.security.initial-users", "guessed:auditor:guessed-password,auditor:auditor:auditor-password");
        }
    }

    @Inject
    MeterRegistry metrics;

    private static Response basic(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/v1/audit/verify");
    }

    @Test
    void shouldSlowDownGuessingPerUserAndPerAddressBeforeCheckingThePassword() throws InterruptedException {
        double throttledBefore = throttled();
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, basic("guessed", "guess-" + i).statusCode(), "failure " + i + " is free");
        }
        Response early = basic("guessed", "guessed-password");
        assertEquals(429, early.statusCode(), "the right password, too early: not even checked");
        assertEquals("1", early.getHeader("Retry-After"));
        assertEquals(null, early.getHeader("WWW-Authenticate"));
        Response form = given().auth().none().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "guessed").formParam("j_password", "guess-form").post("/j_security_check");
        assertEquals(429, form.statusCode(), "the sign-in page is throttled the same way");

        Thread.sleep(1_100);
        assertEquals(401, basic("guessed", "guess-4").statusCode(), "after the wait, one more attempt");
        Response doubled = basic("guessed", "guess-5");
        assertEquals(429, doubled.statusCode());
        assertEquals("2", doubled.getHeader("Retry-After"), "the wait doubles");

        Thread.sleep(2_100);
        assertEquals(200, basic("guessed", "guessed-password").statusCode(), "the right password after the wait");
        assertEquals(401, basic("guessed", "guess-6").statusCode(), "a success forgets the user's failures");

        // The address has seen 5 failures (guess-1..4 and guess-6); the 6th is free, the 7th waits.
        assertEquals(401, basic("nobody-a", "x").statusCode());
        Response byAddress = basic("nobody-b", "x");
        assertEquals(429, byAddress.statusCode(), "a new user name from a guessing address waits too");
        assertEquals("1", byAddress.getHeader("Retry-After"));
        assertEquals(200, basic("guessed", "guessed-password").statusCode(),
                "credentials checked a moment ago are proven: a guesser cannot lock their caller out");

        assertEquals(4.0, throttled() - throttledBefore, "each refused attempt is counted");
    }

    private double throttled() {
        var counter = metrics.find("sign_in_failures_total").tag("reason", "throttled").counter();
        return counter == null ? 0 : counter.count();
    }
}
