package io.kopilka.cashback;

import static io.kopilka.cashback.Cashback.click;
import static io.kopilka.cashback.Cashback.clickId;
import static io.kopilka.cashback.Cashback.count;
import static io.kopilka.cashback.Cashback.deliver;
import static io.kopilka.cashback.Cashback.member;
import static io.kopilka.cashback.Cashback.partner;
import static io.kopilka.cashback.Cashback.partnerBody;
import static io.kopilka.cashback.Cashback.report;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.kopilka.cashback.Cashback.Partner;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partners and their secrets (C1, C4), offers and their filters (C2), clicks (C3). */
@QuarkusTest
class PartnerAndOfferTest {

  private Instant now;

  @BeforeEach
  void setUp() {
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MutableClock.INSTANCE.set(now);
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void aNewPartnerGetsAStandardWebhooksSecretShownOnlyOnce() {
    as("admin")
        .body(partnerBody("LEISURE", 7500, 14))
        .put("/api/v1/admin/cashback/partners/kino-test")
        .then()
        .statusCode(201)
        .body("secret", startsWith("whsec_"))
        .body("partner.maxRateBasisPoints", equalTo(7500))
        .body("partner.attributionDays", equalTo(30))
        .body("partner.status", equalTo("ACTIVE"));
    as("partner-admin")
        .get("/api/v1/admin/cashback/partners/kino-test")
        .then()
        .statusCode(200)
        .body("secrets.size()", equalTo(1))
        .body("$", not(hasKey("secret")));
    // a PUT again updates, without a new secret
    as("partner-admin")
        .body(partnerBody("LEISURE", 5000, 14))
        .put("/api/v1/admin/cashback/partners/kino-test")
        .then()
        .statusCode(200)
        .body("rateBasisPoints", equalTo(5000))
        .body("secrets.size()", equalTo(1));
  }

  @Test
  void aRateAboveItsCategorysMaximumIsRefusedAndNothingIsWritten() {
    Map<String, Object> body = partnerBody("RESTAURANT_BOOKING", 501, 30);
    assertProblem(
            as("partner-admin").body(body).put("/api/v1/admin/cashback/partners/too-generous"),
            422,
            "partner.rate-above-category-maximum")
        .body("detail", containsString("at most 5%"));
    assertThat(count("partner", "id = ?1", "too-generous")).isZero();
    assertThat(count("partner_secret", "partner_id = ?1", "too-generous")).isZero();
    body.put("rateBasisPoints", 500);
    as("partner-admin")
        .body(body)
        .put("/api/v1/admin/cashback/partners/too-generous")
        .then()
        .statusCode(201);
  }

  @Test
  void invalidPartnersAreRefusedWithEveryField() {
    Map<String, Object> body = partnerBody("RETAIL", 0, 0);
    body.put("redirectUrlTemplate", "https://shop.example/?click=none");
    assertProblem(
            as("partner-admin").body(body).put("/api/v1/admin/cashback/partners/Bad_Id"),
            400,
            "request.invalid")
        .body(
            "violations.field",
            hasItems("confirmationDays", "partnerId", "rateBasisPoints", "redirectUrlTemplate"));
    assertProblem(
        as("partner-admin")
            .body(Map.of("name", "x", "category", "CASINO"))
            .put("/api/v1/admin/cashback/partners/casino"),
        400,
        "request.invalid-value");
    assertProblem(
        as("member").body(partnerBody("RETAIL", 100, 30)).put("/api/v1/admin/cashback/partners/m"),
        403,
        "auth.forbidden");
  }

  @Test
  void duringARotationBothSecretsAreAcceptedAndAfterTheOverlapOnlyTheNewOne() {
    Partner partner = partner();
    String msisdn = member();
    String click = clickId(msisdn, partner.id());
    String rotated =
        as("partner-admin")
            .body(Map.of("overlapHours", 2))
            .post("/api/v1/admin/cashback/partners/" + partner.id() + "/secrets")
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(partner.secret());

    deliver(partner.id(), partner.secret(), "old-1", report(click, "S-1", 1000, "PENDING", now))
        .then()
        .statusCode(200);
    deliver(partner.id(), rotated, "new-1", report(click, "S-2", 1000, "PENDING", now))
        .then()
        .statusCode(200);

    MutableClock.INSTANCE.set(now.plus(Duration.ofHours(2)));
    assertProblem(
        deliver(
            partner.id(), partner.secret(), "old-2", report(click, "S-3", 1000, "PENDING", now)),
        401,
        "webhook.signature-invalid");
    deliver(partner.id(), rotated, "new-2", report(click, "S-3", 1000, "PENDING", now))
        .then()
        .statusCode(200);
    as("partner-admin")
        .get("/api/v1/admin/cashback/partners/" + partner.id())
        .then()
        .body("secrets.size()", equalTo(1));
  }

  @Test
  void aClickCarriesItsIdToThePartnerAtTheRateInForce() {
    Partner partner = partner("ONLINE_SHOPS", 1000, 30);
    String msisdn = member();
    String clickId =
        click(msisdn, partner.id())
            .then()
            .statusCode(201)
            .body("rateBasisPoints", equalTo(1000))
            .extract()
            .path("clickId");
    assertThat(clickId).matches("[0-9a-f-]{36}");
    click(msisdn, partner.id())
        .then()
        .body("redirectUrl", matchesPattern("https://shop\\.example/\\?click=[0-9a-f-]{36}"));

    boost(partner.id(), 2000, now.minusSeconds(60), now.plus(Duration.ofDays(7)));
    click(msisdn, partner.id()).then().statusCode(201).body("rateBasisPoints", equalTo(2000));
    // the rate is the click's: a purchase after the boost ended still earns it
    String boosted = click(msisdn, partner.id()).then().extract().path("clickId");
    MutableClock.INSTANCE.set(now.plus(Duration.ofDays(8)));
    deliver(
            partner,
            "after-boost",
            report(boosted, "K-1", 100_000, "PENDING", now.plus(Duration.ofDays(8))))
        .then()
        .statusCode(200)
        .body("cashbackPoints", equalTo(200));
  }

  @Test
  void clicksAreRefusedForPausedOrUnknownPartnersAndNonMembers() {
    Map<String, Object> body = partnerBody("RETAIL", 500, 30);
    body.put("status", "PAUSED");
    as("partner-admin")
        .body(body)
        .put("/api/v1/admin/cashback/partners/paused-shop")
        .then()
        .statusCode(201);
    String msisdn = member();
    assertProblem(click(msisdn, "paused-shop"), 422, "partner.paused");
    assertProblem(click(msisdn, "no-such-shop"), 404, "partner.not-found");
    assertProblem(click(Cashback.nonMember(), partner().id()), 422, "click.not-a-member");
    assertProblem(
        asMember(msisdn)
            .body(Map.of("partnerId", "paused-shop", "source", "TV"))
            .post("/api/v1/clicks"),
        400,
        "request.invalid-value");
    assertThat(count("click", "partner_id = ?1", "paused-shop")).isZero();
  }

  @Test
  void boostsMustRaiseTheRateWithinTheCategory() {
    Partner partner = partner("RETAIL", 1000, 30);
    Instant end = now.plus(Duration.ofDays(1));
    assertProblem(
        boostResponse(partner.id(), 1600, now, end), 422, "partner.rate-above-category-maximum");
    assertProblem(boostResponse(partner.id(), 1000, now, end), 422, "boost.not-an-increase");
    assertProblem(boostResponse(partner.id(), 1200, end, now), 400, "request.invalid");
    boost(partner.id(), 1500, now, end);
    // nor may a later change of category leave a boost above the new maximum
    assertProblem(
        as("partner-admin")
            .body(partnerBody("RESTAURANT_BOOKING", 500, 30))
            .put("/api/v1/admin/cashback/partners/" + partner.id()),
        422,
        "partner.rate-above-category-maximum");
  }

  @Test
  void offersAreFilteredByNewPopularIncreasedAndCategory() {
    Instant old = now.minus(Duration.ofDays(40));
    MutableClock.INSTANCE.set(old);
    Partner established = partner("TRAVEL", 300, 30);
    Partner boosted = partner("TRAVEL", 400, 30);
    MutableClock.INSTANCE.set(now);
    Partner fresh = partner("TRAVEL", 500, 30);
    String msisdn = member();
    for (int i = 0; i < 3; i++) {
      clickId(msisdn, established.id());
    }
    boost(boosted.id(), 1500, now.minusSeconds(10), now.plus(Duration.ofDays(2)));

    List<String> newOnes = offers("new", "TRAVEL");
    assertThat(newOnes).contains(fresh.id()).doesNotContain(established.id(), boosted.id());
    assertThat(offers("popular", "TRAVEL").get(0)).isEqualTo(established.id());
    assertThat(offers("increased", "TRAVEL")).contains(boosted.id()).doesNotContain(fresh.id());
    given()
        .queryParam("filter", "increased")
        .queryParam("category", "TRAVEL")
        .queryParam("size", 100)
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.partnerId == '" + boosted.id() + "' }.rateBasisPoints", equalTo(1500))
        .body(
            "items.find { it.partnerId == '" + boosted.id() + "' }.baseRateBasisPoints",
            equalTo(400))
        .body("items.find { it.partnerId == '" + boosted.id() + "' }.rate", equalTo("15%"));
    given()
        .queryParam("category", "GIFTS")
        .queryParam("size", 100)
        .get("/api/v1/offers")
        .then()
        .body("items.category", not(hasItem("TRAVEL")));
    assertProblem(
        given().queryParam("filter", "cheap").get("/api/v1/offers"), 400, "request.invalid");
    assertProblem(given().queryParam("size", 1000).get("/api/v1/offers"), 400, "request.invalid");
  }

  private static List<String> offers(String filter, String category) {
    return given()
        .queryParam("filter", filter)
        .queryParam("category", category)
        .queryParam("size", 100)
        .get("/api/v1/offers")
        .then()
        .statusCode(200)
        .extract()
        .path("items.partnerId");
  }

  private static Response boostResponse(String partnerId, int rateBp, Instant from, Instant to) {
    return as("partner-admin")
        .body(
            Map.of("rateBasisPoints", rateBp, "startsAt", from.toString(), "endsAt", to.toString()))
        .post("/api/v1/admin/cashback/partners/" + partnerId + "/boosts");
  }

  private static void boost(String partnerId, int rateBp, Instant from, Instant to) {
    boostResponse(partnerId, rateBp, from, to).then().statusCode(201);
  }
}
