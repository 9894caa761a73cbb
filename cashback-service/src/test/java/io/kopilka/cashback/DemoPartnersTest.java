package io.kopilka.cashback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local runs start with demo partners in every category (C1), one of them boosted (C2). */
@QuarkusTest
@TestProfile(DemoPartnersTest.Demo.class)
class DemoPartnersTest {

  public static class Demo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kopilka.cashback.demo-partners", "true");
    }
  }

  @Test
  void everyCategoryHasADemoPartnerAndTheBoostedOneIsOffered() {
    given()
        .queryParam("size", 100)
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body(
            "items.category",
            hasItems(
                "RESTAURANT_BOOKING",
                "RETAIL",
                "TRAVEL",
                "GIFTS",
                "ONLINE_SHOPS",
                "LEISURE",
                "OPERATOR_SERVICES"));
    given()
        .queryParam("filter", "increased")
        .get("/api/v1/offers")
        .then()
        .body("items.find { it.partnerId == 'market-demo' }.rateBasisPoints", equalTo(1500));
  }
}
