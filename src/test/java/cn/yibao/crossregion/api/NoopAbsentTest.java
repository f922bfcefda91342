package cn.yibao.crossregion.api;

import cn.yibao.crossregion.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** The benchmark's no-op endpoint is built only with the bench profile (bench/run.sh); any other build has none. */
@QuarkusTest
class NoopAbsentTest extends TestUsers {

    @Test
    void shouldNotServeTheBenchmarkEndpointOutsideTheBenchProfile() {
        given().contentType("application/json").body("{}").post("/api/v1/noop").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200).body(not(containsString("/api/v1/noop")));
    }
}
