package io.kopilka.catalog;

import static io.kopilka.catalog.Api.available;
import static io.kopilka.catalog.Api.balance;
import static io.kopilka.catalog.Api.member;
import static io.kopilka.catalog.Api.order;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.OutboxRows;
import io.kopilka.common.testing.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules K3-K5: the redemption saga against the real bonus-service, path by path. */
@QuarkusTest
class RedemptionTest extends TestSetup {

  @BeforeEach
  void setUp() {
    MutableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Api.provisioning("ACCEPT");
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
    Api.provisioning("ACCEPT");
  }

  @Test
  void shouldHoldActivateAndCaptureAnOption() {
    String msisdn = member(500);

    Response response = order(msisdn, "11");

    response
        .then()
        .statusCode(201)
        .body("rewardCode", equalTo("11"))
        .body("rewardName", equalTo("30 минут внутри сети"))
        .body("points", equalTo(210))
        .body("status", equalTo("COMPLETED"))
        .body("channel", equalTo("API"))
        .body("completedAt", notNullValue());
    assertThat(balance(msisdn)).isEqualTo(290);
    assertThat(available(msisdn)).isEqualTo(290);
    List<OutboxRows.Row> sms = OutboxRows.to("registration", msisdn);
    assertThat(sms).hasSize(1);
    assertThat(sms.get(0).path()).isEqualTo("/internal/v1/notifications/sms");
    assertThat(sms.get(0).payload()).contains("Подключено: 30 минут внутри сети").contains("210");
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldStateTheSubscriptionItTurnsIntoInTheOrderAndTheSms() {
    String msisdn = member(200);

    order(msisdn, "45")
        .then()
        .statusCode(201)
        .body("subscription.paidPriceKopecks", equalTo(9800))
        .body("subscription.terms", equalTo("14 дней бесплатно, затем 98 руб. в месяц"))
        .body(
            "subscription.paidFrom",
            equalTo(LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(14).toString()));
    assertThat(OutboxRows.to("registration", msisdn).get(0).payload())
        .contains("подписка 98 руб. в месяц");
  }

  @Test
  void shouldRefuseWithoutEnoughPointsAndHoldNothing() {
    String msisdn = member(100);

    assertProblem(order(msisdn, "11"), 422, "redemption.insufficient-points");

    assertThat(available(msisdn)).isEqualTo(100);
    assertThat(OutboxRows.to("registration", msisdn)).isEmpty();
  }

  @Test
  void shouldRefuseANumberWithoutAccount() {
    assertProblem(order(Requests.newMsisdn(), "11"), 409, "redemption.no-account");
  }

  @Test
  void shouldRefuseUnknownRetiredAndOutOfSeasonRewardsBeforeHoldingAnything() {
    String msisdn = member(1000);
    assertProblem(order(msisdn, "99"), 404, "reward.not-found");

    String retired = Api.optionReward(10);
    as("admin").delete("/api/v1/admin/catalog/rewards/" + retired).then().statusCode(200);
    assertProblem(order(msisdn, retired), 409, "reward.unavailable");

    String seasonal = Api.newRewardCode();
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
    Api.putReward(
        seasonal,
        Map.of(
            "title", "Новогодний пакет",
            "description", "Только в праздники",
            "category", "COMMUNICATION",
            "points", 10,
            "kind", "PACKAGE",
            "product", "pkg-data",
            "quantity", 2027,
            "unit", "MB",
            "availableFrom", today.plusDays(1).toString()));
    assertProblem(order(msisdn, seasonal), 409, "reward.unavailable");

    assertThat(available(msisdn)).isEqualTo(1000);
  }

  @Test
  void shouldAnswerARetryWithTheSameKeyWithTheSameOrder() {
    String msisdn = member(500);
    String key = UUID.randomUUID().toString();

    String first = order(msisdn, "32", key).then().statusCode(201).extract().path("redemptionId");
    String again = order(msisdn, "32", key).then().statusCode(201).extract().path("redemptionId");

    assertThat(again).isEqualTo(first);
    assertThat(balance(msisdn)).isEqualTo(450);
    assertProblem(order(msisdn, "33", key), 422, "idempotency.key-reused");
    assertProblem(
        asMember(msisdn).body(Map.of("rewardCode", "32")).post("/api/v1/redemptions"),
        400,
        "idempotency.key-missing");
  }

  @Test
  void shouldRejectInvalidOrdersWithProblems() {
    String msisdn = member(500);
    assertProblem(order(msisdn, "1"), 400, "request.invalid");
    assertProblem(
        asMember(msisdn)
            .header("Idempotency-Key", "k-" + UUID.randomUUID())
            .body(Map.of("rewardCode", "11", "points", 1))
            .post("/api/v1/redemptions"),
        400,
        "request.unknown-property");
    assertProblem(
        as("service")
            .header("Idempotency-Key", "k-" + UUID.randomUUID())
            .body(Map.of("rewardCode", "11"))
            .post("/api/v1/redemptions"),
        403,
        "auth.forbidden");
    assertThat(available(msisdn)).isEqualTo(500);
  }

  @Test
  void shouldRestoreThePointsOnceWhenProvisioningRefuses() {
    String msisdn = member(300);
    Api.provisioning("REFUSE");

    Response response = order(msisdn, "42");

    assertProblem(response, 422, "redemption.fulfilment-refused");
    assertThat(response.jsonPath().getString("detail")).contains("not available on this tariff");
    assertThat(available(msisdn)).isEqualTo(300);
    assertThat(balance(msisdn)).isEqualTo(300);
    List<OutboxRows.Row> sms = OutboxRows.to("registration", msisdn);
    assertThat(sms).hasSize(1);
    assertThat(sms.get(0).payload()).contains("не выполнен").contains("Баллы не списаны");

    // a retry, and the recovery job, change nothing more
    Api.provisioning("ACCEPT");
    as("admin")
        .post(
            "/api/v1/admin/catalog/jobs/redemption-recovery?asOf=" + Instant.now().plusSeconds(600))
        .then()
        .statusCode(200);
    assertThat(balance(msisdn)).isEqualTo(300);
    assertThat(OutboxRows.to("registration", msisdn)).hasSize(1);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void shouldFinishAnOrderLaterWhenTheGatewayIsDown() {
    String msisdn = member(300);
    Api.provisioning("UNAVAILABLE");

    String id =
        order(msisdn, "41")
            .then()
            .statusCode(202)
            .body("status", equalTo("PROCESSING"))
            .extract()
            .path("redemptionId");
    assertThat(available(msisdn)).isEqualTo(220);
    assertThat(balance(msisdn)).isEqualTo(300);

    Api.provisioning("ACCEPT");
    as("admin")
        .post(
            "/api/v1/admin/catalog/jobs/redemption-recovery?asOf=" + Instant.now().plusSeconds(120))
        .then()
        .statusCode(200);

    asMember(msisdn)
        .get("/api/v1/redemptions/me/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    assertThat(balance(msisdn)).isEqualTo(220);
    assertThat(available(msisdn)).isEqualTo(220);
  }

  @Test
  void shouldGiveUpAndReleaseThePointsWhenTheGatewayStaysDownUntilTheHoldWouldExpire() {
    String msisdn = member(300);
    Api.provisioning("UNAVAILABLE");
    String id = order(msisdn, "41").then().statusCode(202).extract().path("redemptionId");

    as("admin")
        .post(
            "/api/v1/admin/catalog/jobs/redemption-recovery?asOf="
                + Instant.now().plusSeconds(3300))
        .then()
        .statusCode(200);

    asMember(msisdn)
        .get("/api/v1/redemptions/me/" + id)
        .then()
        .body("status", equalTo("FAILED"))
        .body("failure.code", equalTo("redemption.fulfilment-unavailable"));
    assertThat(available(msisdn)).isEqualTo(300);
    assertThat(balance(msisdn)).isEqualTo(300);
  }

  @Test
  void shouldShowACertificateCodeToItsOwnerOnly() {
    String code = Api.certificateReward(100, List.of("KOSM-0001-AAAA"));
    String owner = member(100);

    String id =
        order(owner, code)
            .then()
            .statusCode(201)
            .body("certificate.code", equalTo("KOSM-0001-AAAA"))
            .body("certificate.validUntil", notNullValue())
            .extract()
            .path("redemptionId");

    asMember(owner)
        .get("/api/v1/redemptions/me")
        .then()
        .statusCode(200)
        .body("items[0].certificate.code", equalTo("KOSM-0001-AAAA"));
    assertProblem(
        asMember(member(0)).get("/api/v1/redemptions/me/" + id), 404, "redemption.not-found");
    String support = as("support").get("/api/v1/admin/catalog/redemptions/" + id).asString();
    assertThat(support).doesNotContain("KOSM-0001-AAAA").contains("COMPLETED");
    String admin = as("admin").get("/api/v1/admin/catalog/rewards/" + code).asString();
    assertThat(admin).doesNotContain("KOSM-0001-AAAA");
    assertThat(OutboxRows.to("registration", owner).get(0).payload()).contains("KOSM-0001-AAAA");
    // the stored code is ciphertext
    assertThat(
            (Long)
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            ((Number)
                                    io.quarkus.arc.Arc.container()
                                        .instance(jakarta.persistence.EntityManager.class)
                                        .get()
                                        .createNativeQuery(
                                            "select count(*) from certificate_code where"
                                                + " strpos(encode(code_cipher, 'escape'),"
                                                + " 'KOSM-0001') > 0")
                                        .getSingleResult())
                                .longValue()))
        .isZero();
  }

  @Test
  void shouldRefuseAnEmptyPoolWithoutCharging() {
    String code = Api.certificateReward(50, List.of());
    String msisdn = member(100);

    assertProblem(order(msisdn, code), 409, "reward.out-of-stock");

    assertThat(available(msisdn)).isEqualTo(100);
    as("anonymous")
        .get("/api/v1/rewards/" + code)
        .then()
        .statusCode(200)
        .body("orderable", equalTo(false));
  }

  @Test
  void shouldOrderForAChannel() {
    String msisdn = member(100);

    as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("msisdn", msisdn, "rewardCode", "33", "channel", "USSD"))
        .post("/internal/v1/redemptions")
        .then()
        .statusCode(201)
        .body("rewardName", equalTo("60 МБ интернета"))
        .body("points", equalTo(90))
        .body("channel", equalTo("USSD"));
    assertThat(balance(msisdn)).isEqualTo(10);
    assertProblem(
        as("service")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("msisdn", msisdn, "rewardCode", "33", "channel", "WEB"))
            .post("/internal/v1/redemptions"),
        400,
        "request.invalid");
    assertProblem(
        asMember(msisdn)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("msisdn", msisdn, "rewardCode", "33", "channel", "USSD"))
            .post("/internal/v1/redemptions"),
        403,
        "auth.forbidden");
  }

  @Test
  void shouldRefundACompletedOrderOnce() {
    String msisdn = member(300);
    String id = order(msisdn, "42").then().statusCode(201).extract().path("redemptionId");

    as("support")
        .header("Idempotency-Key", "refund-" + id)
        .body(Map.of("reason", "Опция не подключилась"))
        .post("/api/v1/admin/catalog/redemptions/" + id + "/refund")
        .then()
        .statusCode(200)
        .body("step", equalTo("REFUNDED"))
        .body("refundedBy", equalTo("support-test"));
    as("support")
        .header("Idempotency-Key", "refund-" + id)
        .body(Map.of("reason", "Опция не подключилась"))
        .post("/api/v1/admin/catalog/redemptions/" + id + "/refund")
        .then()
        .statusCode(200);
    assertProblem(
        as("support")
            .header("Idempotency-Key", "refund-again-" + id)
            .body(Map.of("reason", "Ещё раз"))
            .post("/api/v1/admin/catalog/redemptions/" + id + "/refund"),
        409,
        "redemption.already-refunded");

    List<OutboxRows.Row> credits = OutboxRows.to("bonus", msisdn);
    assertThat(credits).hasSize(1);
    assertThat(credits.get(0).payload())
        .contains("\"reason\":\"REFUND\"")
        .contains("\"points\":250");
    as("admin")
        .post("/api/v1/admin/catalog/jobs/outbox-relay?asOf=" + Instant.now())
        .then()
        .statusCode(200);
    assertThat(balance(msisdn)).isEqualTo(300);
    asMember(msisdn)
        .get("/api/v1/redemptions/me/" + id)
        .then()
        .body("status", equalTo("REFUNDED"))
        .body("refundedAt", notNullValue())
        .body("failure", nullValue());
  }
}
