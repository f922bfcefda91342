package cn.yibao.crossregion.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

    /**
     * "concurrent" is used by no other test: the first burst finds no remembered check, so the
     * requests that arrive while one bcrypt check runs wait for it, and each must still be
     * answered in its own request (a 500 here once: a waiting request resumed on the thread of
     * the request that ran the check).
     */
    @Test
    void shouldAnswerEachOfManyConcurrentRequestsByItsOwnCredentials() throws Exception {
        int clients = 32;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < clients * 3; i++) {
                boolean right = i % 3 != 0;
                String password = right ? "concurrent-password" : "wrong-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return statusOf("concurrent", password);
                }));
                expected.add(right ? 200 : 401);
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : answers) {
                answered.add(status.get());
            }
            assertEquals(expected, answered);
        } finally {
            pool.shutdownNow();
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
