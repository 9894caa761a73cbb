package io.kopilka.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.kopilka.system.harness.BillingGateway;
import io.kopilka.system.harness.Kopilka;
import io.kopilka.system.harness.Partner;
import io.kopilka.system.harness.ServiceNode;
import io.kopilka.system.harness.Suite;
import io.kopilka.system.harness.SystemTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A member's whole life in the programme, through the suite's real APIs and the operator's
 * channels, from logging in with an SMS code to leaving and joining again. After every step the
 * test checks the balance and the newest history entry the member sees.
 */
@SystemTest
@Order(1)
class JourneyTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  private final Suite suite;
  private final Kopilka kopilka;
  private final String anna;
  private final String friend;
  private String annaToken;
  private long expected;

  JourneyTest(Suite suite) {
    this.suite = suite;
    this.kopilka = new Kopilka(suite);
    this.anna = suite.newMsisdn();
    this.friend = suite.newMsisdn();
  }

  @Test
  void aMembersJourney() {
    logInWithTheSmsCode();
    joinByWebFormAndGetTheWelcomePointsOnApproval();
    confirmTheEmailAddress();
    inviteAFriendWhoJoinsByUssd();
    earnFromTelecomShopTaxiAndCard();
    askTheBalanceByUssdAndSms();
    earnCashbackAtAPartner();
    orderRewardsByUssdAndApi();
    giftPointsConfirmedBySmsCode();
    payThePhoneBillOnTheFirst();
    losePointsAtTheYearEnd();
    leaveBySmsAndJoinAgainWithNothing();
    assertThat(kopilka.audit().getBoolean("clean")).isTrue();
  }

  private void logInWithTheSmsCode() {
    suite
        .anonymous(suite.registration())
        .body(Map.of("msisdn", anna))
        .post("/api/v1/auth/otp")
        .then()
        .statusCode(202);
    String code = kopilka.awaitSms(anna, Kopilka.LOGIN_CODE);
    annaToken =
        "Bearer "
            + suite
                .anonymous(suite.registration())
                .body(Map.of("msisdn", anna, "code", code))
                .post("/api/v1/auth/token")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
  }

  private void joinByWebFormAndGetTheWelcomePointsOnApproval() {
    String membershipId =
        asAnna(suite.registration())
            .body(
                Map.of(
                    "name", "Анна Петрова",
                    "birthDate", "1990-05-17",
                    "email", "anna@example.ru",
                    "consent", true))
            .post("/api/v1/members")
            .then()
            .statusCode(201)
            .extract()
            .path("membershipId");
    suite
        .as(suite.registration(), "support")
        .post("/api/v1/admin/registration/members/" + membershipId + "/approval")
        .then()
        .statusCode(200);
    expectBalance(100, "WELCOME");
  }

  private void confirmTheEmailAddress() {
    asAnna(suite.registration())
        .body(Map.of())
        .post("/api/v1/members/me/email-confirmation")
        .then()
        .statusCode(202);
    String token =
        await()
            .atMost(Kopilka.ASYNC)
            .until(
                () -> suite.mail.latest("anna@example.ru", Pattern.compile("token=([\\w-]+)")),
                Optional::isPresent)
            .orElseThrow();
    suite
        .anonymous(suite.registration())
        .body(Map.of("token", token))
        .post("/api/v1/email-confirmations")
        .then()
        .statusCode(200);
    expectBalance(10, "EMAIL");
  }

  private void inviteAFriendWhoJoinsByUssd() {
    asAnna(suite.registration())
        .body(Map.of("msisdn", friend))
        .post("/api/v1/members/me/invitations")
        .then()
        .statusCode(201);
    assertThat(kopilka.awaitSms(friend, Pattern.compile("(\\*111\\*455\\*1#)"))).isNotEmpty();
    assertThat(kopilka.ussd(friend, "*111*455*1#")).isNotBlank();
    kopilka.awaitAccount(friend);
    expectBalance(50, "REFERRAL");
  }

  private void earnFromTelecomShopTaxiAndCard() {
    // 599 RUB of telecom services at 5 RUB a point: 119 points, 4 RUB carried over (A1, A7)
    assertThat(kopilka.accrue(anna, "TELECOM", 59_900).getLong("points")).isEqualTo(119);
    expectBalance(119, "ACCRUAL");
    List<Map<String, Object>> events =
        List.of(
            Kopilka.spend(anna, "SHOP", 30_000), // 100 points at 3 RUB
            Kopilka.spend(anna, "TAXI", 25_000), // 250 points at 1 RUB
            Kopilka.spend(anna, "CARD", 150_000)); // 50 points at 30 RUB
    List<Integer> points =
        suite
            .as(suite.bonus(), "billing")
            .body(Map.of("events", events))
            .post("/api/v1/accruals/batch")
            .then()
            .statusCode(200)
            .extract()
            .path("results.points");
    assertThat(points).containsExactly(100, 250, 50);
    expected += 400;
    awaitExpectedBalance("batch");
    assertThat(kopilka.history(annaToken).subList(0, 3))
        .extracting(e -> e.get("reason"), e -> e.get("points"))
        .containsExactlyInAnyOrder(
            tuple("ACCRUAL", 100), tuple("ACCRUAL", 250), tuple("ACCRUAL", 50));
  }

  private void askTheBalanceByUssdAndSms() {
    assertThat(kopilka.ussd(anna, "*111*455*0#")).contains(Long.toString(expected));
    assertThat(kopilka.sms(anna, "Бонус")).contains(Long.toString(expected));
  }

  private void earnCashbackAtAPartner() {
    Partner shop = suite.newPartner("ONLINE_SHOPS", 1_000);
    String clickId =
        asAnna(suite.cashback())
            .body(Map.of("partnerId", shop.id(), "source", "APP"))
            .post("/api/v1/clicks")
            .then()
            .statusCode(201)
            .extract()
            .path("clickId");
    String orderId = "A-" + UUID.randomUUID();
    Instant bought = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // 1,234.56 RUB at 10%: 123 points once the shop approves
    shop.send(Partner.report(clickId, orderId, 123_456, "PENDING", bought))
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"));
    assertThat(myConversions().getLong("pendingPoints")).isEqualTo(123);
    shop.send(Partner.report(clickId, orderId, 123_456, "APPROVED", bought))
        .then()
        .statusCode(200)
        .body("cashbackPoints", equalTo(123));
    expectBalance(123, "CASHBACK");
    await()
        .atMost(Kopilka.ASYNC)
        .untilAsserted(
            () -> assertThat(myConversions().getString("items[0].status")).isEqualTo("CREDITED"));
    assertThat(kopilka.awaitSms(anna, Pattern.compile("(кешбэк 123 балл)"))).isNotEmpty();
  }

  private void orderRewardsByUssdAndApi() {
    asAnna(suite.catalog())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("rewardCode", "32"))
        .post("/api/v1/redemptions")
        .then()
        .statusCode(201)
        .body("status", equalTo("COMPLETED"));
    expectBalance(-50, "REDEMPTION");
    assertThat(kopilka.ussd(anna, "*111*455*33#")).contains("Заказ принят");
    expectBalance(-90, "REDEMPTION");
    assertThat(suite.provisioning.activations())
        .filteredOn(a -> a.msisdn().equals(anna))
        .hasSize(2);
  }

  private void giftPointsConfirmedBySmsCode() {
    String giftId =
        asAnna(suite.gifting())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("recipientMsisdn", friend, "points", 50))
            .post("/api/v1/gifts")
            .then()
            .statusCode(201)
            .extract()
            .path("giftId");
    String code = kopilka.awaitSms(anna, Kopilka.GIFT_CODE);
    asAnna(suite.gifting())
        .body(Map.of("code", code))
        .post("/api/v1/gifts/" + giftId + "/confirmation")
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    expectBalance(-50, "GIFT_SENT");
    kopilka.awaitAvailable(friend, 50);
    assertThat(kopilka.awaitSms(friend, Pattern.compile("(подарили 50 баллов)"))).isNotEmpty();
  }

  private void payThePhoneBillOnTheFirst() {
    // whole rubles of the 450 RUB bill are paid from points, as far as they go
    long paid = Math.min(expected, BillingGateway.DEFAULT_BILL_KOPECKS / 100);
    ZonedDateTime first = LocalDate.now(MOSCOW).withDayOfMonth(1).atTime(6, 0).atZone(MOSCOW);
    kopilka.runJob(suite.cashback(), "bill-payment", first.toInstant());
    expectBalance(-paid, "BILL_PAYMENT");
    assertThat(
            asAnna(suite.cashback())
                .get("/api/v1/goals/me")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("phoneBill.lastPayment.paidPoints"))
        .isEqualTo(paid);
    assertThat(kopilka.awaitSms(anna, Pattern.compile("оплачен баллами: (\\d+) ₽")))
        .isEqualTo(Long.toString(paid));
  }

  private void losePointsAtTheYearEnd() {
    // a little more first, so the year end has something to take
    kopilka.accrue(anna, "TAXI", 10_000);
    expectBalance(100, "ACCRUAL");
    ZonedDateTime newYear =
        LocalDate.now(MOSCOW).plusYears(1).withDayOfYear(1).atStartOfDay(MOSCOW);
    kopilka.runJob(suite.bonus(), "expiry", newYear.toInstant());
    expectBalance(-expected, "EXPIRY");
  }

  private void leaveBySmsAndJoinAgainWithNothing() {
    kopilka.accrue(anna, "TELECOM", 10_000);
    expectBalance(20, "ACCRUAL");
    assertThat(kopilka.sms(anna, "0")).contains("20");
    kopilka.sms(anna, "0");
    await()
        .atMost(Kopilka.ASYNC)
        .untilAsserted(() -> assertThat(kopilka.account(anna).statusCode()).isEqualTo(404));
    kopilka.joinByUssd(anna);
    expected = 0;
    assertThat(kopilka.balance(annaToken).getLong("available")).isZero();
    assertThat(kopilka.history(annaToken)).isEmpty();
  }

  private JsonPath myConversions() {
    return asAnna(suite.cashback())
        .get("/api/v1/conversions/me")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private RequestSpecification asAnna(ServiceNode node) {
    return suite.with(node, annaToken);
  }

  /**
   * Waits until the member's balance changed by {@code change}; the newest history entry must then
   * be that change with {@code reason}.
   */
  private void expectBalance(long change, String reason) {
    expected += change;
    awaitExpectedBalance(reason);
    Map<String, Object> newest = kopilka.history(annaToken).get(0);
    assertThat(newest).containsEntry("reason", reason);
    assertThat(((Number) newest.get("points")).longValue()).isEqualTo(change);
  }

  private void awaitExpectedBalance(String step) {
    await()
        .atMost(Kopilka.ASYNC)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(kopilka.balance(annaToken).getLong("available"))
                    .as("available after %s", step)
                    .isEqualTo(expected));
  }
}
