package cn.yibao.crossregion;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;

/**
 * The users of application.properties' %test profile. A test class that extends this talks to
 * the service as {@link #TESTER} (all three roles) unless a request says otherwise;
 * SecurityTest checks each role alone.
 */
public abstract class TestUsers {

    public static final String TESTER = "tester";
    public static final String TESTER_PASSWORD = "tester-password";

    @BeforeEach
    void authenticateAsTester() {
        RestAssured.authentication = RestAssured.preemptive().basic(TESTER, TESTER_PASSWORD);
    }
}
