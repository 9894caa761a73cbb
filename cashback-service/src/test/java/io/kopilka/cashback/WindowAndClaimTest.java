package io.kopilka.cashback;

import static io.kopilka.cashback.Cashback.balance;
import static io.kopilka.cashback.Cashback.clickId;
import static io.kopilka.cashback.Cashback.deliver;
import static io.kopilka.cashback.Cashback.member;
import static io.kopilka.cashback.Cashback.partner;
import static io.kopilka.cashback.Cashback.purchase;
import static io.kopilka.cashback.Cashback.report;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.kopilka.cashback.Cashback.Partner;
import io.kopilka.cashback.job.ConversionOverdueJob;
import io.kopilka.common.outbox.OutboxRelay;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partner's confirmation window (C4) and members' claims (C5). */
@QuarkusTest
class WindowAndClaimTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  @Inject ConversionOverdueJob overdue;
  @Inject OutboxRelay relay;

  private Instant start;

  @BeforeEach
  void setUp() {
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MutableClock.INSTANCE.set(start);
  }

  @AfterEach
  void tearDown() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void aPendingPurchaseIsOverdueOnlyAfterTheSeventyFifthDayAndALateApprovalStillCounts() {
    Partner partner = partner("TRAVEL", 1000, 75);
    String msisdn = member();
    String click = clickId(msisdn, partner.id());
    Instant bought = start.plusSeconds(60);
    MutableClock.INSTANCE.set(bought);
    purchase(partner, click, "T-1", 1_000_000, "PENDING").then().statusCode(200);
    Instant due = bought.plus(Duration.ofDays(75));

    overdue.run(due);
    assertThat(status(msisdn, "T-1")).isEqualTo("PENDING");
    overdue.run(due.plusSeconds(1));
    assertThat(status(msisdn, "T-1")).isEqualTo("OVERDUE");

    MutableClock.INSTANCE.set(due.plus(Duration.ofDays(3)));
    deliver(partner, "late", report(click, "T-1", 1_000_000, "APPROVED", bought))
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"));
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(1000);
  }

  @Test
  void aConfirmationWindowOfSeventyFiveDaysIsAllowedAndSeventySixIsNot() {
    Map<String, Object> body = Cashback.partnerBody("TRAVEL", 1000, 76);
    assertProblem(
            as("partner-admin").body(body).put("/api/v1/admin/cashback/partners/too-long-window"),
            400,
            "request.invalid")
        .body("violations[0].field", equalTo("confirmationDays"));
    body.put("confirmationDays", 75);
    as("partner-admin")
        .body(body)
        .put("/api/v1/admin/cashback/partners/longest-window")
        .then()
        .statusCode(201);
  }

  @Test
  void anOverdueConversionIsClaimedAndApprovedTwiceCreditsOnce() {
    Partner partner = partner("RETAIL", 500, 10);
    String msisdn = member();
    String click = clickId(msisdn, partner.id());
    purchase(partner, click, "O-1", 400_000, "PENDING").then().statusCode(200);
    Map<String, Object> claim = claim(partner.id(), "O-1", 400_000);

    assertProblem(asMember(msisdn).body(claim).post("/api/v1/claims"), 422, "claim.not-yet-due");

    Instant later = start.plus(Duration.ofDays(11));
    overdue.run(later);
    MutableClock.INSTANCE.set(later);
    Response filed = asMember(msisdn).body(claim).post("/api/v1/claims");
    filed
        .then()
        .statusCode(201)
        .body("status", equalTo("OPEN"))
        .body("conversionId", notNullValue());
    assertProblem(asMember(msisdn).body(claim).post("/api/v1/claims"), 409, "claim.exists");
    String claimId = filed.path("claimId");

    String key = UUID.randomUUID().toString();
    approve(claimId, key).then().statusCode(200).body("claim.status", equalTo("APPROVED"));
    // the same request again replays; another approval is refused
    approve(claimId, key).then().statusCode(200).header("Idempotent-Replayed", "true");
    assertProblem(approve(claimId, UUID.randomUUID().toString()), 409, "claim.already-decided");

    relay.run(MutableClock.INSTANCE.instant());
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(200); // 5% of 4 000 RUB
    asMember(msisdn)
        .get("/api/v1/claims/me")
        .then()
        .body("items[0].status", equalTo("APPROVED"))
        .body("items[0].orderId", equalTo("O-1"));
    // the partner's own approval afterwards changes nothing
    deliver(partner, "after-claim", report(click, "O-1", 400_000, "APPROVED", start))
        .then()
        .statusCode(200);
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(200);
  }

  @Test
  void aPurchaseDateIsJudgedByTheProgrammesCalendarNotTheServersZone() {
    // 22:30 UTC is already the next day in Moscow: that day is today, the day after is not
    Instant lateEvening = start.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofMinutes(22 * 60 + 30));
    MutableClock.INSTANCE.set(lateEvening);
    LocalDate today = lateEvening.atZone(MOSCOW).toLocalDate();
    Partner partner = partner();
    String msisdn = member();
    Map<String, Object> claim = claim(partner.id(), "D-1", 100_000);
    claim.put("purchasedOn", today.toString());
    asMember(msisdn).body(claim).post("/api/v1/claims").then().statusCode(201);

    Map<String, Object> tomorrow = claim(partner.id(), "D-2", 100_000);
    tomorrow.put("purchasedOn", today.plusDays(1).toString());
    assertProblem(asMember(msisdn).body(tomorrow).post("/api/v1/claims"), 400, "request.invalid")
        .body("violations[0].field", equalTo("purchasedOn"));
  }

  @Test
  void aPurchaseThePartnerNeverReportedIsCreditedAtTheClicksRateWhenApproved() {
    Partner partner = partner("GIFTS", 2000, 30);
    String msisdn = member();
    String click = clickId(msisdn, partner.id());
    Map<String, Object> claim = claim(partner.id(), "N-1", 150_000);
    claim.put("clickId", click);
    String claimId =
        asMember(msisdn)
            .body(claim)
            .post("/api/v1/claims")
            .then()
            .statusCode(201)
            .extract()
            .path("claimId");

    as("support")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("amountKopecks", 100_000))
        .post("/api/v1/admin/cashback/claims/" + claimId + "/approval")
        .then()
        .statusCode(200);
    relay.run(MutableClock.INSTANCE.instant());
    assertThat(balance(msisdn)).isEqualTo(200); // 20% of the 1 000 RUB the partner confirmed
    asMember(msisdn)
        .get("/api/v1/conversions/me")
        .then()
        .body("items[0].orderId", equalTo("N-1"))
        .body("items[0].status", equalTo("APPROVED"));
  }

  @Test
  void aRejectedClaimSaysWhyAndCreditsNothing() {
    Partner partner = partner();
    String msisdn = member();
    String claimId =
        asMember(msisdn)
            .body(claim(partner.id(), "R-1", 100_000))
            .post("/api/v1/claims")
            .then()
            .statusCode(201)
            .extract()
            .path("claimId");
    assertProblem(
        as("support")
            .body(Map.of("reason", " "))
            .post("/api/v1/admin/cashback/claims/" + claimId + "/rejection"),
        400,
        "request.invalid");
    as("support")
        .body(Map.of("reason", "Партнёр не нашёл заказ"))
        .post("/api/v1/admin/cashback/claims/" + claimId + "/rejection")
        .then()
        .statusCode(200)
        .body("claim.status", equalTo("REJECTED"));
    asMember(msisdn)
        .get("/api/v1/claims/me")
        .then()
        .body("items[0].status", equalTo("REJECTED"))
        .body("items[0].reason", equalTo("Партнёр не нашёл заказ"));
    assertProblem(approve(claimId, UUID.randomUUID().toString()), 409, "claim.already-decided");
    assertThat(balance(msisdn)).isZero();
    // a new claim for the order may be filed after a rejection
    asMember(msisdn)
        .body(claim(partner.id(), "R-1", 100_000))
        .post("/api/v1/claims")
        .then()
        .statusCode(201);
  }

  @Test
  void claimsAreRefusedForOrdersThatAreNotTheMembersOrAreDecided() {
    Partner partner = partner();
    String owner = member();
    String other = member();
    String click = clickId(owner, partner.id());
    MutableClock.INSTANCE.set(start.plusSeconds(5));
    purchase(partner, click, "X-1", 100_000, "DECLINED").then().statusCode(200);
    purchase(partner, click, "X-2", 100_000, "APPROVED").then().statusCode(200);
    assertProblem(
        asMember(owner).body(claim(partner.id(), "X-1", 100_000)).post("/api/v1/claims"),
        422,
        "claim.declined-by-partner");
    assertProblem(
        asMember(owner).body(claim(partner.id(), "X-2", 100_000)).post("/api/v1/claims"),
        422,
        "claim.already-approved");
    assertProblem(
        asMember(other).body(claim(partner.id(), "X-1", 100_000)).post("/api/v1/claims"),
        422,
        "claim.not-your-order");
    Map<String, Object> withClick = claim(partner.id(), "X-3", 100_000);
    withClick.put("clickId", click);
    assertProblem(
        asMember(other).body(withClick).post("/api/v1/claims"), 422, "claim.unknown-click");
    Map<String, Object> future = claim(partner.id(), "X-4", 100_000);
    future.put("purchasedOn", LocalDate.now(MOSCOW).plusDays(2).toString());
    assertProblem(asMember(owner).body(future).post("/api/v1/claims"), 400, "request.invalid")
        .body("violations[0].field", equalTo("purchasedOn"));
    assertProblem(
        asMember(Cashback.nonMember()).body(claim(partner.id(), "X-5", 100)).post("/api/v1/claims"),
        422,
        "claim.not-a-member");
  }

  private static Map<String, Object> claim(String partnerId, String orderId, long kopecks) {
    Map<String, Object> claim = new HashMap<>();
    claim.put("partnerId", partnerId);
    claim.put("orderId", orderId);
    claim.put("purchasedOn", LocalDate.now(MOSCOW).toString());
    claim.put("amountKopecks", kopecks);
    return claim;
  }

  private static Response approve(String claimId, String key) {
    return as("support")
        .header("Idempotency-Key", key)
        .post("/api/v1/admin/cashback/claims/" + claimId + "/approval");
  }

  private static String status(String msisdn, String orderId) {
    return asMember(msisdn)
        .get("/api/v1/conversions/me")
        .then()
        .extract()
        .path("items.find { it.orderId == '" + orderId + "' }.status");
  }
}
