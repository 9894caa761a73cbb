package io.kopilka.catalog;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules K1-K4: the catalogue as anyone sees it, and its administration. */
@QuarkusTest
class CatalogTest extends TestSetup {

  @Test
  void shouldListTheInitialCatalogueByCategory() {
    given()
        .get("/api/v1/rewards?category=COMMUNICATION&size=100")
        .then()
        .statusCode(200)
        .body("items.code", hasItems("11", "12", "32", "33"))
        .body("items.category", everyItem(equalTo("COMMUNICATION")))
        .body("items.orderable", everyItem(equalTo(true)));
    JsonPath page =
        given().get("/api/v1/rewards?page=0&size=5").then().statusCode(200).extract().jsonPath();
    assertThat(page.getList("items")).hasSize(5);
    assertThat(page.getLong("total")).isGreaterThanOrEqualTo(20);
  }

  @Test
  void shouldShowOneRewardWithTheSubscriptionItTurnsInto() {
    given()
        .get("/api/v1/rewards/45")
        .then()
        .statusCode(200)
        .body("title", equalTo("Гудок на 14 дней"))
        .body("kind", equalTo("SUBSCRIPTION"))
        .body("points", equalTo(100))
        .body("paidPriceKopecks", equalTo(9800))
        .body("terms", equalTo("14 дней бесплатно, затем 98 руб. в месяц"));
    given()
        .get("/api/v1/rewards/11")
        .then()
        .body("quantity", equalTo(30))
        .body("unit", equalTo("MINUTES"))
        .body("terms", equalTo(null));
    assertProblem(given().get("/api/v1/rewards/99"), 404, "reward.not-found");
    assertProblem(given().get("/api/v1/rewards?category=TOYS"), 400, "request.invalid")
        .body("violations[0].field", equalTo("category"));
    assertProblem(given().get("/api/v1/rewards?size=1000"), 400, "request.invalid");
  }

  @Test
  void shouldAddChangeAndRetireRewards() {
    String code = Api.newRewardCode();
    Map<String, Object> reward = option("Опция дня", 70);
    as("admin")
        .body(reward)
        .put("/api/v1/admin/catalog/rewards/" + code)
        .then()
        .statusCode(201)
        .body("reward.title", equalTo("Опция дня"))
        .body("createdAt", notNullValue());

    reward.put("points", 90);
    as("admin")
        .body(reward)
        .put("/api/v1/admin/catalog/rewards/" + code)
        .then()
        .statusCode(200)
        .body("reward.points", equalTo(90));
    given().get("/api/v1/rewards/" + code).then().statusCode(200).body("points", equalTo(90));

    as("admin")
        .delete("/api/v1/admin/catalog/rewards/" + code)
        .then()
        .statusCode(200)
        .body("retiredAt", notNullValue());
    assertProblem(given().get("/api/v1/rewards/" + code), 404, "reward.not-found");
    given()
        .get("/api/v1/rewards?size=100&category=SERVICE_OPTION")
        .then()
        .body("items.code", not(hasItems(code)));
    assertProblem(
        as("admin").body(reward).put("/api/v1/admin/catalog/rewards/" + code),
        409,
        "reward.retired");
  }

  @Test
  void shouldListEveryFieldThatDoesNotMatchTheKind() {
    Map<String, Object> reward = option("Неправильная", 10);
    reward.put("kind", "PACKAGE");
    reward.put("paidPriceKopecks", 100);

    assertProblem(
            as("admin").body(reward).put("/api/v1/admin/catalog/rewards/" + Api.newRewardCode()),
            400,
            "request.invalid")
        .body("violations.field", hasItems("quantity", "unit", "paidPriceKopecks"));
    assertProblem(
        as("admin").body(option("Код", 10)).put("/api/v1/admin/catalog/rewards/0123"),
        400,
        "request.invalid");
    assertProblem(
        as("support")
            .body(option("Код", 10))
            .put("/api/v1/admin/catalog/rewards/" + Api.newRewardCode()),
        403,
        "auth.forbidden");
  }

  @Test
  void shouldShowASeasonalRewardOnlyInItsSeason() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
    String code = Api.newRewardCode();
    Map<String, Object> reward = option("Весенняя опция", 10);
    reward.put("availableFrom", today.plusDays(10).toString());
    reward.put("availableUntil", today.plusDays(20).toString());
    Api.putReward(code, reward);

    given()
        .get("/api/v1/rewards/" + code)
        .then()
        .statusCode(200)
        .body("orderable", equalTo(false))
        .body("availableFrom", equalTo(today.plusDays(10).toString()));
    given()
        .get("/api/v1/rewards?size=100&category=SERVICE_OPTION")
        .then()
        .body("items.code", not(hasItems(code)));
    reward.put("availableUntil", today.plusDays(5).toString());
    assertProblem(
            as("admin").body(reward).put("/api/v1/admin/catalog/rewards/" + code),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("availableUntil"));
  }

  @Test
  void shouldCountCertificateCodesWithoutShowingThem() {
    String code = Api.certificateReward(100, List.of());

    as("partner-admin")
        .body(Map.of("codes", List.of("AAAA-1111", "BBBB-2222", "AAAA-1111")))
        .post("/api/v1/admin/catalog/rewards/" + code + "/certificates")
        .then()
        .statusCode(200)
        .body("received", equalTo(3))
        .body("added", equalTo(2))
        .body("duplicates", equalTo(1))
        .body("pool.available", equalTo(2));
    String again =
        as("admin")
            .body(Map.of("codes", List.of("BBBB-2222", "CCCC-3333")))
            .post("/api/v1/admin/catalog/rewards/" + code + "/certificates")
            .then()
            .statusCode(200)
            .body("added", equalTo(1))
            .body("pool.total", equalTo(3))
            .extract()
            .asString();
    assertThat(again).doesNotContain("CCCC-3333");
    String view =
        as("admin")
            .get("/api/v1/admin/catalog/rewards/" + code)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(view).doesNotContain("AAAA").doesNotContain("BBBB").contains("\"available\":3");

    assertProblem(
        as("admin")
            .body(Map.of("codes", List.of("AAAA-1111")))
            .post("/api/v1/admin/catalog/rewards/11/certificates"),
        409,
        "reward.not-a-certificate");
    assertProblem(
            as("admin")
                .body(Map.of("codes", List.of("with space")))
                .post("/api/v1/admin/catalog/rewards/" + code + "/certificates"),
            400,
            "request.invalid")
        .body("violations", hasSize(1));
    assertProblem(
        as("support")
            .body(Map.of("codes", List.of("DDDD-4444")))
            .post("/api/v1/admin/catalog/rewards/" + code + "/certificates"),
        403,
        "auth.forbidden");
  }

  private static Map<String, Object> option(String title, int points) {
    Map<String, Object> reward = new HashMap<>();
    reward.put("title", title);
    reward.put("description", "Описание");
    reward.put("category", "SERVICE_OPTION");
    reward.put("points", points);
    reward.put("kind", "OPTION");
    reward.put("product", "opt-test");
    reward.put("days", 30);
    return reward;
  }
}
