package cn.yibao.crossregion.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Remembered credential checks: shared by concurrent requests, never for a wrong password. */
@QuarkusTest
class CredentialCheckTest {

    private static int statusOf(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/v1/rulesets").statusCode();
    }

    @Test
    void shouldAnswerEachOfManyConcurrentRequestsByItsOwnCredentials() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                boolean right = i % 3 != 0;
                calls.add(() -> statusOf("analyst", right ? "analyst-password" : "wrong-" + Thread.currentThread().getId()));
                expected.add(right ? 200 : 401);
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(calls)) {
                answered.add(status.get());
            }
            assertEquals(expected, answered);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldNotRememberAFailedCheck() {
        assertEquals(401, statusOf("auditor", "not-yet"));
        assertEquals(401, statusOf("auditor", "not-yet"));
        assertEquals(200, statusOf("auditor", "auditor-password"));
        assertEquals(401, statusOf("auditor", "not-yet"));
    }
}
