package io.kopilka.cashback;

import static io.kopilka.cashback.Cashback.balance;
import static io.kopilka.cashback.Cashback.clickId;
import static io.kopilka.cashback.Cashback.count;
import static io.kopilka.cashback.Cashback.deliver;
import static io.kopilka.cashback.Cashback.member;
import static io.kopilka.cashback.Cashback.partner;
import static io.kopilka.cashback.Cashback.partnerBody;
import static io.kopilka.cashback.Cashback.purchase;
import static io.kopilka.cashback.Cashback.report;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.kopilka.cashback.Cashback.Partner;
import io.kopilka.cashback.job.CreditNoticeJob;
import io.kopilka.cashback.service.WebhookSignatures;
import io.kopilka.common.outbox.OutboxRelay;
import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partners' signed conversion webhooks (C3, C4), credited through the real bonus-service. */
@QuarkusTest
class WebhookTest {

  @Inject OutboxRelay relay;
  @Inject CreditNoticeJob notices;

  private Partner partner;
  private String msisdn;
  private String clickId;

  @BeforeEach
  void setUp() {
    MutableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    partner = partner("RETAIL", 1000, 30);
    msisdn = member();
    clickId = clickId(msisdn, partner.id());
    MutableClock.INSTANCE.set(MutableClock.INSTANCE.instant().plusSeconds(60));
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void anApprovedPurchaseIsCreditedOnceAndTheMemberIsToldBySms() {
    // 10% of 2 599.99 RUB = 259.999 RUB: 259 points, rounded down to whole rubles (C4)
    purchase(partner, clickId, "A-1", 259_999, "PENDING")
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .body("cashbackPoints", equalTo(259));
    asMember(msisdn)
        .get("/api/v1/conversions/me")
        .then()
        .statusCode(200)
        .body("pendingPoints", equalTo(259))
        .body("items[0].status", equalTo("PENDING"))
        .body("items[0].orderId", equalTo("A-1"));

    Response approved = purchase(partner, clickId, "A-1", 259_999, "APPROVED");
    approved.then().statusCode(200).body("status", equalTo("APPROVED"));
    String conversionId = approved.path("conversionId");
    // the credit is queued under the conversion's id, bonus-service's idempotency key
    assertThat(
            count(
                "outbox_message", "id = cast(?1 as uuid) and destination = 'bonus'", conversionId))
        .isEqualTo(1);

    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(259);
    notices.run(MutableClock.INSTANCE.instant());
    assertThat(OutboxRows.to("registration", msisdn))
        .singleElement()
        .satisfies(sms -> assertThat(sms.payload()).contains("Начислен кешбэк 259 баллов"));
    asMember(msisdn)
        .get("/api/v1/conversions/me")
        .then()
        .body("creditedPoints", equalTo(259))
        .body("pendingPoints", equalTo(0))
        .body("items[0].status", equalTo("CREDITED"));

    // the approval again, by redelivery or a new delivery: nothing more
    purchase(partner, clickId, "A-1", 259_999, "APPROVED").then().statusCode(200);
    relay.run(MutableClock.INSTANCE.instant());
    notices.run(MutableClock.INSTANCE.instant());
    assertThat(OutboxRows.to("registration", msisdn)).hasSize(1);
    assertThat(balance(msisdn)).isEqualTo(259);
    assertThat(BonusServiceProcess.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void theAmountMayChangeWhilePendingAndTheApprovalCarriesTheFinalOne() {
    purchase(partner, clickId, "A-2", 100_000, "PENDING")
        .then()
        .body("cashbackPoints", equalTo(100));
    purchase(partner, clickId, "A-2", 80_000, "PENDING").then().body("cashbackPoints", equalTo(80));
    purchase(partner, clickId, "A-2", 70_000, "APPROVED")
        .then()
        .statusCode(200)
        .body("amountKopecks", equalTo(70_000))
        .body("cashbackPoints", equalTo(70));
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(70);
  }

  @Test
  void approvalAfterDeclineAndAChangeAfterApprovalAreRefused() {
    purchase(partner, clickId, "A-3", 100_000, "DECLINED")
        .then()
        .body("status", equalTo("DECLINED"));
    assertProblem(purchase(partner, clickId, "A-3", 100_000, "APPROVED"), 409, "conversion.final");
    assertProblem(purchase(partner, clickId, "A-3", 100_000, "PENDING"), 409, "conversion.final");
    // repeating the final report is fine
    purchase(partner, clickId, "A-3", 100_000, "DECLINED").then().statusCode(200);

    purchase(partner, clickId, "A-4", 100_000, "APPROVED").then().statusCode(200);
    assertProblem(purchase(partner, clickId, "A-4", 100_000, "DECLINED"), 409, "conversion.final");
    assertProblem(purchase(partner, clickId, "A-4", 90_000, "APPROVED"), 409, "conversion.final");
    asMember(msisdn).get("/api/v1/conversions/me").then().body("declinedPoints", equalTo(100));
  }

  @Test
  void theSameWebhookDeliveredFiveTimesMakesOneConversionAndOneCredit() {
    String body = report(clickId, "A-5", 500_000, "APPROVED", MutableClock.INSTANCE.instant());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          deliver(partner, "msg_five", body).then().statusCode(200).extract().path("conversionId"));
    }
    assertThat(ids).containsOnly(ids.get(0));
    assertOneConversionAndOneCredit("A-5", 500);
  }

  @Test
  void aPendingReportRedeliveredAfterTheApprovalChangesNothingAndAnIdReusedForAnotherOrderIs409() {
    Instant now = MutableClock.INSTANCE.instant();
    String pending = report(clickId, "A-6", 100_000, "PENDING", now);
    deliver(partner, "msg_pending", pending).then().statusCode(200);
    purchase(partner, clickId, "A-6", 100_000, "APPROVED").then().statusCode(200);
    // the partner's retry of the first message arrives late: answered, not applied again
    deliver(partner, "msg_pending", pending)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));
    assertProblem(
        deliver(partner, "msg_pending", report(clickId, "A-7-reused", 100_000, "PENDING", now)),
        409,
        "webhook.id-reused");
    assertThat(count("conversion", "order_id = 'A-7-reused'")).isZero();
    assertOneConversionAndOneCredit("A-6", 100);
  }

  @Test
  void aChangeOfThePartnerAppliesToTheNextReport() {
    purchase(partner, clickId, "A-8", 100_000, "PENDING").then().statusCode(200);
    Map<String, Object> changed = partnerBody("RETAIL", 1000, 45);
    as("partner-admin")
        .body(changed)
        .put("/api/v1/admin/cashback/partners/" + partner.id())
        .then()
        .statusCode(200);
    purchase(partner, clickId, "A-9", 100_000, "PENDING").then().statusCode(200);
    asMember(msisdn)
        .get("/api/v1/conversions/me")
        .then()
        .body(
            "items.find { it.orderId == 'A-9' }.dueAt",
            equalTo(MutableClock.INSTANCE.instant().plus(Duration.ofDays(45)).toString()))
        .body(
            "items.find { it.orderId == 'A-8' }.dueAt",
            equalTo(MutableClock.INSTANCE.instant().plus(Duration.ofDays(30)).toString()));
  }

  @Test
  void theSameWebhookDeliveredTwentyTimesConcurrentlyMakesOneConversionAndOneCredit()
      throws Exception {
    String body = report(clickId, "A-6", 300_000, "APPROVED", MutableClock.INSTANCE.instant());
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> deliver(partner, "msg_twenty", body).statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200);
    } finally {
      pool.shutdown();
    }
    assertOneConversionAndOneCredit("A-6", 300);
  }

  @Test
  void differentDeliveriesOfOneOrderRacingMakeOneConversion() throws Exception {
    String body = report(clickId, "A-7", 300_000, "APPROVED", MutableClock.INSTANCE.instant());
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(() -> deliver(partner, "msg_" + UUID.randomUUID(), body).statusCode());
      }
      for (Future<Integer> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertOneConversionAndOneCredit("A-7", 300);
  }

  private void assertOneConversionAndOneCredit(String orderId, long points) {
    assertThat(count("conversion", "partner_id = ?1 and order_id = ?2", partner.id(), orderId))
        .isEqualTo(1);
    assertThat(
            count(
                "outbox_message m join conversion c on c.id = m.id",
                "c.partner_id = ?1 and c.order_id = ?2",
                partner.id(),
                orderId))
        .isEqualTo(1);
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(points);
  }

  @Test
  void aWrongStaleFutureOrMissingSignatureOrAChangedByteGets401AndWritesNothing() {
    String body = report(clickId, "A-8", 100_000, "APPROVED", MutableClock.INSTANCE.instant());
    long now = MutableClock.INSTANCE.instant().getEpochSecond();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String good = WebhookSignatures.sign(partner.secret(), "msg_x", now, bytes);
    String otherSecret =
        WebhookSignatures.sign("whsec_" + "A".repeat(43) + "=", "msg_x", now, bytes);

    assertProblem(signed(body, "msg_x", now, otherSecret), 401, "webhook.signature-invalid");
    assertProblem(
        signed(body.replace("100000", "100001"), "msg_x", now, good),
        401,
        "webhook.signature-invalid");
    assertProblem(signed(body, "msg_y", now, good), 401, "webhook.signature-invalid");
    assertProblem(
        signed(
            body,
            "msg_x",
            now - 301,
            WebhookSignatures.sign(partner.secret(), "msg_x", now - 301, bytes)),
        401,
        "webhook.timestamp-stale");
    assertProblem(
        signed(
            body,
            "msg_x",
            now + 301,
            WebhookSignatures.sign(partner.secret(), "msg_x", now + 301, bytes)),
        401,
        "webhook.timestamp-future");
    assertProblem(
        given()
            .contentType("application/json")
            .body(body)
            .post("/webhooks/v1/partners/" + partner.id() + "/conversions"),
        401,
        "webhook.signature-missing");
    assertThat(count("conversion", "partner_id = ?1", partner.id())).isZero();
    assertThat(count("webhook_delivery", "partner_id = ?1", partner.id())).isZero();

    // the same signed request within the tolerance is accepted
    signed(body, "msg_x", now, good).then().statusCode(200);
  }

  private Response signed(String body, String webhookId, long timestamp, String signature) {
    return given()
        .contentType("application/json")
        .header("webhook-id", webhookId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/webhooks/v1/partners/" + partner.id() + "/conversions");
  }

  @Test
  void attributionFailuresSayWhichRuleFailedAndAreReportedForThePartner() {
    Instant now = MutableClock.INSTANCE.instant();
    Partner other = partner();
    String othersClick = clickId(msisdn, other.id());
    assertProblem(
        deliver(partner, "m1", report(othersClick, "B-1", 100_000, "PENDING", now)),
        422,
        "attribution.other-partner");
    assertProblem(
        deliver(partner, "m2", report(clickId, "B-2", 100_000, "PENDING", now.minusSeconds(3600))),
        422,
        "attribution.before-click");
    assertProblem(
        deliver(
            partner, "m3", report(UUID.randomUUID().toString(), "B-3", 100_000, "PENDING", now)),
        422,
        "attribution.unknown-click");
    // 30 days after the click (the default window) is still the click's; a second later is not
    Instant clicked = now.minusSeconds(60);
    MutableClock.INSTANCE.set(clicked.plus(Duration.ofDays(31)));
    deliver(
            partner,
            "m4",
            report(clickId, "B-4", 100_000, "PENDING", clicked.plus(Duration.ofDays(30))))
        .then()
        .statusCode(200);
    assertProblem(
        deliver(
            partner,
            "m5",
            report(
                clickId,
                "B-5",
                100_000,
                "PENDING",
                clicked.plus(Duration.ofDays(30)).plusSeconds(1))),
        422,
        "attribution.click-expired");

    assertThat(count("conversion", "partner_id = ?1", partner.id())).isEqualTo(1);
    as("partner-admin")
        .get("/api/v1/admin/cashback/partners/" + partner.id() + "/attribution-failures")
        .then()
        .statusCode(200)
        .body("counts.'attribution.other-partner'", equalTo(1))
        .body("counts.'attribution.before-click'", equalTo(1))
        .body("counts.'attribution.unknown-click'", equalTo(1))
        .body("counts.'attribution.click-expired'", equalTo(1))
        .body("latest[0].orderId", equalTo("B-5"));
  }

  @Test
  void aPurchaseInTheSecondOfTheClickIsTheClicksAndOneASecondBeforeIsNot() {
    MutableClock.INSTANCE.set(Instant.parse("2026-12-01T10:00:00.700Z"));
    String click = clickId(msisdn, partner.id());
    Instant second = Instant.parse("2026-12-01T10:00:00Z");
    deliver(partner, "same-second", report(click, "E-1", 100_000, "PENDING", second))
        .then()
        .statusCode(200);
    assertProblem(
        deliver(
            partner,
            "second-before",
            report(click, "E-2", 100_000, "PENDING", second.minusMillis(1))),
        422,
        "attribution.before-click");
  }

  @Test
  void aReportOfTheSameOrderWithAnotherClickIsRefused() {
    String second = clickId(msisdn, partner.id());
    purchase(partner, clickId, "C-1", 100_000, "PENDING").then().statusCode(200);
    assertProblem(
        purchase(partner, second, "C-1", 100_000, "APPROVED"), 422, "conversion.click-mismatch");
  }

  @Test
  void invalidBodiesAreRefusedWithTheirFields() {
    Instant now = MutableClock.INSTANCE.instant();
    assertProblem(
            deliver(partner, "v1", report(clickId, "D-1", -5, "PENDING", now)),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("amountKopecks"));
    assertProblem(
            deliver(
                partner, "v2", report(clickId, "D-2", 100, "PENDING", now).replace("RUB", "USD")),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("currency"));
    assertProblem(
        deliver(partner, "v3", report(clickId, "D-3", 100, "SHIPPED", now)),
        400,
        "request.invalid-value");
    assertProblem(
            deliver(partner, "v4", report(clickId, "D-4", 100, "PENDING", now.plusSeconds(3600))),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("occurredAt"));
    assertProblem(deliver(partner, "v5", "{\"clickId\":"), 400, "request.malformed-json");
    assertProblem(
        deliver(
            partner, "v6", report(clickId, "D-6", 100, "PENDING", now).replace("}", ",\"x\":1}")),
        400,
        "request.unknown-property");
    assertThat(count("conversion", "partner_id = ?1", partner.id())).isZero();
    assertProblem(
        deliver(
            "no-such-partner", partner.secret(), "v7", report(clickId, "D-7", 100, "PENDING", now)),
        404,
        "partner.not-found");
  }
}
