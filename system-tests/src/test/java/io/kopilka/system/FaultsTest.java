package io.kopilka.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kopilka.system.harness.Kopilka;
import io.kopilka.system.harness.Partner;
import io.kopilka.system.harness.Suite;
import io.kopilka.system.harness.SystemTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Crashes, outages and duplicate deliveries: whatever happens, every point arrives exactly once and
 * nobody pays for a reward they did not get.
 */
@SystemTest
@Order(2)
class FaultsTest {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final Suite suite;
  private final Kopilka kopilka;
  private final ExecutorService pool = Executors.newFixedThreadPool(24);

  FaultsTest(Suite suite) {
    this.suite = suite;
    this.kopilka = new Kopilka(suite);
  }

  @AfterEach
  void restoreThenCheckNothingWasGivenUp() {
    pool.shutdownNow();
    suite.sms.failing(false);
    suite.provisioning.delay(Duration.ZERO);
    for (var node : List.of(suite.bonus(), suite.catalog())) {
      if (!node.alive()) {
        node.start();
      }
    }
    assertThat(kopilka.parked()).as("parked outbox messages").isZero();
  }

  @Test
  void bonusServiceKilledWhileCreditsAreInFlight() throws Exception {
    // applicants whose approval credits 100 welcome points
    List<String> applicants = new ArrayList<>();
    List<String> applications = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String msisdn = suite.newMsisdn();
      applicants.add(msisdn);
      applications.add(
          suite
              .asMember(suite.registration(), msisdn)
              .body(Map.of("name", "Пётр Иванов", "birthDate", "1985-03-01", "consent", true))
              .post("/api/v1/members")
              .then()
              .statusCode(201)
              .extract()
              .path("membershipId"));
    }
    // shoppers whose pending purchases the partner approves: 100 points each
    Partner shop = suite.newPartner("RETAIL", 1_000);
    Map<String, String> approvals = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      String msisdn = kopilka.newMember(0);
      String clickId = kopilka.click(msisdn, shop, "APP");
      Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String orderId = "K-" + UUID.randomUUID();
      shop.send(Partner.report(clickId, orderId, 100_000, "PENDING", at)).then().statusCode(200);
      approvals.put(msisdn, Partner.report(clickId, orderId, 100_000, "APPROVED", at));
    }
    // senders with 500 points and a gift of 70 awaiting its code
    Map<String, String> recipients = new HashMap<>();
    Map<String, String> gifts = new HashMap<>();
    Map<String, String> codes = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      String sender = kopilka.newMember(500);
      String recipient = kopilka.newMember(0);
      recipients.put(sender, recipient);
      gifts.put(sender, askGift(sender, recipient, 70));
      codes.put(sender, kopilka.awaitSms(sender, Kopilka.GIFT_CODE));
    }

    // everything at once; bonus-service dies in the middle of it
    List<Callable<Object>> work = new ArrayList<>();
    applications.forEach(
        id ->
            work.add(
                () ->
                    suite
                        .as(suite.registration(), "support")
                        .post("/api/v1/admin/registration/members/" + id + "/approval")
                        .statusCode()));
    approvals.values().forEach(body -> work.add(() -> shop.send(body).statusCode()));
    gifts.forEach(
        (sender, giftId) -> work.add(() -> confirmGift(sender, giftId, codes.get(sender))));
    List<Future<Object>> running = new ArrayList<>();
    work.forEach(task -> running.add(pool.submit(task)));
    Thread.sleep(300);
    suite.bonus().kill();
    for (Future<Object> f : running) {
      f.get();
    }
    Thread.sleep(2_000);
    // the crash caught credits on their way: they wait in the senders' outboxes
    long waiting =
        kopilka.outbox("registration", "bonus", "PENDING")
            + kopilka.outbox("cashback", "bonus", "PENDING");
    assertThat(waiting).as("credits waiting for bonus-service").isPositive();
    suite.bonus().start();

    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String applicant : applicants) {
                assertThat(kopilka.entries(applicant, "WELCOME")).containsExactly(1, 100);
              }
              for (String shopper : approvals.keySet()) {
                assertThat(kopilka.entries(shopper, "CASHBACK")).containsExactly(1, 100);
              }
            });
    // a gift the crash left awaiting its code is confirmed again; every gift ends exactly once
    gifts.forEach(
        (sender, giftId) -> {
          if ("AWAITING_CONFIRMATION".equals(giftStatus(sender, giftId))) {
            confirmGift(sender, giftId, codes.get(sender));
          }
        });
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (var gift : gifts.entrySet()) {
                String sender = gift.getKey();
                String recipient = recipients.get(sender);
                String status = giftStatus(sender, gift.getValue());
                assertThat(status).isIn("COMPLETED", "FAILED");
                boolean moved = status.equals("COMPLETED");
                assertThat(kopilka.entries(sender, "GIFT_SENT"))
                    .containsExactly(moved ? 1 : 0, moved ? -70 : 0);
                assertThat(kopilka.entries(recipient, "GIFT"))
                    .containsExactly(moved ? 1 : 0, moved ? 70 : 0);
                assertThat(kopilka.available(sender)).isEqualTo(moved ? 430 : 500);
              }
            });
    assertThat(kopilka.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void catalogServiceKilledInTheMiddleOfRedemptions() throws Exception {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      members.add(kopilka.newMember(200));
    }
    // the gateway answers slowly, so the orders are mid-way when catalog-service dies
    suite.provisioning.delay(Duration.ofMillis(800));
    List<Future<Integer>> orders = new ArrayList<>();
    for (String msisdn : members) {
      orders.add(
          pool.submit(
              () ->
                  suite
                      .asMember(suite.catalog(), msisdn)
                      .header("Idempotency-Key", UUID.randomUUID().toString())
                      .body(Map.of("rewardCode", "32"))
                      .post("/api/v1/redemptions")
                      .statusCode()));
    }
    Thread.sleep(500);
    suite.catalog().kill();
    int cutOff = 0;
    for (Future<Integer> order : orders) {
      try {
        order.get();
      } catch (ExecutionException connectionLost) {
        // the order's answer died with the service: its outcome is decided below
        cutOff++;
      }
    }
    assertThat(cutOff).as("orders cut off by the crash").isPositive();
    suite.provisioning.delay(Duration.ZERO);
    suite.catalog().start();

    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String msisdn : members) {
                List<String> statuses =
                    suite
                        .asMember(suite.catalog(), msisdn)
                        .get("/api/v1/redemptions/me")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("items.status");
                assertThat(statuses).doesNotContain("PROCESSING");
                long completed = statuses.stream().filter("COMPLETED"::equals).count();
                long activated =
                    suite.provisioning.activations().stream()
                        .filter(a -> a.msisdn().equals(msisdn))
                        .count();
                var account = kopilka.account(msisdn).then().extract().jsonPath();
                assertThat(account.getLong("held")).as("held points of %s", msisdn).isZero();
                assertThat(account.getLong("balance")).isEqualTo(200 - 50 * completed);
                assertThat(activated).as("rewards given to %s", msisdn).isEqualTo(completed);
              }
            });
    assertThat(kopilka.audit().getBoolean("clean")).isTrue();
  }

  @Test
  void partnerWebhooksDeliveredTwiceOutOfOrderAndConcurrently() throws Exception {
    Partner shop = suite.newPartner("GIFTS", 2_000);
    String msisdn = kopilka.newMember(0);
    long expected = 0;
    for (int order = 0; order < 5; order++) {
      String clickId = kopilka.click(msisdn, shop, "APP");
      Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String orderId = "W-" + order + "-" + UUID.randomUUID();
      long amount = 50_000 + order * 10_000; // 500 RUB and up at 20%
      expected += amount / 100 / 5;
      String pending = Partner.report(clickId, orderId, amount, "PENDING", at);
      String approved = Partner.report(clickId, orderId, amount, "APPROVED", at);
      // the approval overtakes the pending report, which then arrives late, twice
      String approvalId = "msg_" + UUID.randomUUID();
      shop.deliver(approvalId, approved).then().statusCode(200);
      shop.deliver(approvalId, approved).then().statusCode(200);
      Response late = shop.send(pending);
      assertThat(late.statusCode()).isIn(200, 409);
      // and the partner's retries of the approval under new ids, all at once
      List<Future<Integer>> retries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        retries.add(pool.submit(() -> shop.send(approved).statusCode()));
      }
      for (Future<Integer> retry : retries) {
        assertThat(retry.get()).isEqualTo(200);
      }
    }
    long points = expected;
    await()
        .atMost(SETTLE)
        .untilAsserted(
            () -> assertThat(kopilka.entries(msisdn, "CASHBACK")).containsExactly(5, points));
    assertThat(kopilka.available(msisdn)).isEqualTo(points);
  }

  @Test
  void smsHeldBackWhileTheProviderIsDownAndDeliveredOnceAfter() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      members.add(kopilka.newMember(30 + i));
    }
    suite.sms.failing(true);
    int refusedBefore = suite.sms.refused();
    for (String msisdn : members) {
      // a balance by USSD is also sent by SMS
      assertThat(kopilka.ussd(msisdn, "*111*455*0#")).contains("Ваш баланс");
    }
    await().atMost(Kopilka.ASYNC).until(() -> suite.sms.refused() > refusedBefore + 5);
    for (String msisdn : members) {
      assertThat(suite.sms.to(msisdn)).noneMatch(text -> text.startsWith("Ваш баланс"));
    }
    suite.sms.failing(false);
    await()
        .atMost(SETTLE)
        .untilAsserted(
            () -> {
              for (int i = 0; i < members.size(); i++) {
                String balance = "Ваш баланс: " + (30 + i) + " балл";
                assertThat(suite.sms.to(members.get(i)))
                    .filteredOn(text -> text.startsWith(balance))
                    .hasSize(1);
              }
            });
    assertThat(suite.sms.duplicateKeys()).isEmpty();
  }

  private String askGift(String sender, String recipient, long points) {
    return suite
        .asMember(suite.gifting(), sender)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("recipientMsisdn", recipient, "points", points))
        .post("/api/v1/gifts")
        .then()
        .statusCode(201)
        .extract()
        .path("giftId");
  }

  private int confirmGift(String sender, String giftId, String code) {
    return suite
        .asMember(suite.gifting(), sender)
        .body(Map.of("code", code))
        .post("/api/v1/gifts/" + giftId + "/confirmation")
        .statusCode();
  }

  private String giftStatus(String sender, String giftId) {
    List<Map<String, Object>> items =
        suite
            .asMember(suite.gifting(), sender)
            .get("/api/v1/gifts/me")
            .then()
            .statusCode(200)
            .extract()
            .path("items");
    return items.stream()
        .filter(g -> giftId.equals(g.get("giftId")))
        .map(g -> (String) g.get("status"))
        .findFirst()
        .orElseThrow();
  }
}
