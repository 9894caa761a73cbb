package io.kopilka.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.kopilka.system.harness.Kopilka;
import io.kopilka.system.harness.Partner;
import io.kopilka.system.harness.Suite;
import io.kopilka.system.harness.SystemTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A seeded random workload over a few hundred members: accruals, gifts, redemptions, partner
 * conversions and a bill payment run concurrently for a bounded time. Every operation's outcome is
 * recorded (ok, refused, unknown); afterwards the ledger must be clean, no balance negative, every
 * acknowledged operation reflected exactly once and nothing refused reflected at all, the gift
 * limits never exceeded, and the totals of each service must match bonus-service's ledger.
 *
 * <p>The seed is printed first; {@code -Dkopilka.seed=N} replays a run's choices ({@code
 * -Dkopilka.workload.seconds} and {@code .members} change its size).
 */
@SystemTest
@Order(3)
class WorkloadTest {

  private static final long SEED = Long.getLong("kopilka.seed", new Random().nextLong());
  private static final int MEMBERS = Integer.getInteger("kopilka.workload.members", 200);
  private static final Duration RUN =
      Duration.ofSeconds(Long.getLong("kopilka.workload.seconds", 30));
  private static final int WORKERS = 6;

  enum Kind {
    ACCRUAL,
    GIFT,
    REDEMPTION,
    CONVERSION
  }

  enum Outcome {
    OK,
    REFUSED,
    UNKNOWN
  }

  /**
   * One operation: who, the ledger reference it must leave (or not), its points, its outcome and
   * the answer it got (status and problem code, or the failure).
   */
  record Op(
      Kind kind, String msisdn, String reference, long points, Outcome outcome, String answer) {}

  private final Suite suite;
  private final Kopilka kopilka;
  private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private List<String> members;
  private Partner shop;

  WorkloadTest(Suite suite) {
    this.suite = suite;
    this.kopilka = new Kopilka(suite);
  }

  @Test
  void everyPointIsAccountedForExactlyOnce() throws Exception {
    System.out.printf(
        "Workload seed %d (replay with -Dkopilka.seed=%d): %d members, %d s%n",
        SEED, SEED, MEMBERS, RUN.toSeconds());
    Random random = new Random(SEED);
    populate(random);

    ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
    Instant end = Instant.now().plus(RUN);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      Random mine = new Random(random.nextLong());
      workers.add(
          pool.submit(
              () -> {
                while (Instant.now().isBefore(end)) {
                  step(mine);
                }
                return null;
              }));
    }
    // the 1st of a month comes round in the middle of it all
    workers.add(
        pool.submit(
            () -> {
              Thread.sleep(RUN.toMillis() / 2);
              LocalDate first = LocalDate.now(ZoneId.of("Europe/Moscow")).plusMonths(2);
              Instant asOf =
                  first
                      .withDayOfMonth(1)
                      .atTime(6, 0)
                      .atZone(ZoneId.of("Europe/Moscow"))
                      .toInstant();
              kopilka.runJob(suite.cashback(), "bill-payment", asOf);
              return null;
            }));
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    Map<Kind, Map<Outcome, Long>> summary = new HashMap<>();
    synchronized (ops) {
      ops.forEach(
          op ->
              summary
                  .computeIfAbsent(op.kind(), k -> new HashMap<>())
                  .merge(op.outcome(), 1L, Long::sum));
    }
    System.out.println("Workload outcomes: " + summary);
    Map<String, Long> notOk = new TreeMap<>();
    synchronized (ops) {
      ops.stream()
          .filter(op -> op.outcome() != Outcome.OK)
          .forEach(op -> notOk.merge(op.kind() + " " + op.answer(), 1L, Long::sum));
    }
    System.out.println("Workload answers other than ok: " + notOk);

    awaitQuiet();
    assertThat(kopilka.audit().getBoolean("clean")).isTrue();
    assertThat(kopilka.parked()).isZero();
    assertReflectedExactlyOnce();
    assertGiftLimitsHeld();
    assertTotalsReconcile();
  }

  /** Members join by USSD and get their first points from one billing batch. */
  private void populate(Random random) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> joined = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      String msisdn = suite.newMsisdn();
      joined.add(
          pool.submit(
              () -> {
                kopilka.ussd(msisdn, "*111*455*1#");
                return msisdn;
              }));
    }
    members = new ArrayList<>();
    for (Future<String> f : joined) {
      members.add(f.get());
    }
    pool.shutdown();
    members.forEach(kopilka::awaitAccount);
    List<Map<String, Object>> events = new ArrayList<>();
    for (String msisdn : members) {
      events.add(Kopilka.spend(msisdn, "TAXI", (100 + random.nextInt(2_000)) * 100L));
      suite.billing.bill(msisdn, random.nextInt(60_000));
    }
    suite
        .as(suite.bonus(), "billing")
        .body(Map.of("events", events))
        .post("/api/v1/accruals/batch")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(MEMBERS));
    shop = suite.newPartner("ONLINE_SHOPS", 500);
  }

  private void step(Random random) {
    int dice = random.nextInt(100);
    Kind kind =
        dice < 35
            ? Kind.ACCRUAL
            : dice < 55 ? Kind.GIFT : dice < 78 ? Kind.REDEMPTION : Kind.CONVERSION;
    String msisdn = members.get(random.nextInt(members.size()));
    String recipient = members.get(random.nextInt(members.size()));
    try {
      switch (kind) {
        case ACCRUAL -> accrue(msisdn, random);
        case GIFT -> {
          if (!recipient.equals(msisdn) && busy.add(msisdn)) {
            try {
              gift(msisdn, recipient, 1 + random.nextInt(400));
            } finally {
              busy.remove(msisdn);
            }
          }
        }
        case REDEMPTION -> redeem(msisdn);
        case CONVERSION -> convert(msisdn, 10_000 + random.nextInt(500_000));
      }
    } catch (RuntimeException e) {
      // no answer: the operation's outcome is unknown; the totals below still cover it
      ops.add(new Op(kind, msisdn, null, 0, Outcome.UNKNOWN, e.getClass().getSimpleName()));
    }
  }

  private void accrue(String msisdn, Random random) {
    String kind = List.of("TELECOM", "SHOP", "TAXI").get(random.nextInt(3));
    Map<String, Object> event = Kopilka.spend(msisdn, kind, 50_000 + random.nextInt(100_000));
    Response r = suite.as(suite.bonus(), "billing").body(event).post("/api/v1/accruals");
    String eventId = (String) event.get("eventId");
    if (r.statusCode() == 200 && "ACCRUED".equals(r.path("status"))) {
      ops.add(
          new Op(
              Kind.ACCRUAL,
              msisdn,
              eventId,
              r.jsonPath().getLong("points"),
              Outcome.OK,
              answer(r)));
    } else {
      ops.add(new Op(Kind.ACCRUAL, msisdn, eventId, 0, Outcome.UNKNOWN, answer(r)));
    }
  }

  private void gift(String sender, String recipient, long points) {
    int codes = suite.sms.count(sender, Kopilka.GIFT_CODE);
    Response asked =
        suite
            .asMember(suite.gifting(), sender)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("recipientMsisdn", recipient, "points", points))
            .post("/api/v1/gifts");
    if (asked.statusCode() == 422) {
      ops.add(new Op(Kind.GIFT, sender, null, points, Outcome.REFUSED, answer(asked)));
      return;
    }
    if (asked.statusCode() != 201) {
      ops.add(new Op(Kind.GIFT, sender, null, points, Outcome.UNKNOWN, answer(asked)));
      return;
    }
    String giftId = asked.path("giftId");
    String reference = "gift:" + giftId;
    await()
        .atMost(Kopilka.ASYNC)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> suite.sms.count(sender, Kopilka.GIFT_CODE) > codes);
    String code = suite.sms.latest(sender, Kopilka.GIFT_CODE).orElseThrow();
    Response confirmed =
        suite
            .asMember(suite.gifting(), sender)
            .body(Map.of("code", code))
            .post("/api/v1/gifts/" + giftId + "/confirmation");
    Outcome outcome =
        confirmed.statusCode() == 200 && "COMPLETED".equals(confirmed.path("status"))
            ? Outcome.OK
            : confirmed.statusCode() == 422 || confirmed.statusCode() == 409
                ? Outcome.REFUSED
                : Outcome.UNKNOWN;
    ops.add(new Op(Kind.GIFT, sender, reference, points, outcome, answer(confirmed)));
  }

  private void redeem(String msisdn) {
    Response r =
        suite
            .asMember(suite.catalog(), msisdn)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .body(Map.of("rewardCode", "32"))
            .post("/api/v1/redemptions");
    String id = r.statusCode() < 300 ? r.path("redemptionId") : null;
    Outcome outcome =
        r.statusCode() == 201
            ? Outcome.OK
            : r.statusCode() == 422 ? Outcome.REFUSED : Outcome.UNKNOWN;
    ops.add(
        new Op(
            Kind.REDEMPTION,
            msisdn,
            id == null ? null : "redemption:" + id,
            50,
            outcome,
            answer(r)));
  }

  private void convert(String msisdn, long amountKopecks) {
    String clickId = kopilka.click(msisdn, shop, "WEB");
    String report =
        Partner.report(
            clickId,
            "O-" + UUID.randomUUID(),
            amountKopecks,
            "APPROVED",
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Response r = shop.send(report);
    if (r.statusCode() == 200) {
      long points = r.jsonPath().getLong("cashbackPoints");
      ops.add(
          new Op(
              Kind.CONVERSION,
              msisdn,
              points > 0 ? "conversion:" + r.path("conversionId") : null,
              points,
              Outcome.OK,
              answer(r)));
    } else {
      ops.add(new Op(Kind.CONVERSION, msisdn, null, 0, Outcome.UNKNOWN, answer(r)));
    }
  }

  /** The status and, for a problem, its code: {@code 422 gift.daily-recipient-limit}. */
  private static String answer(Response r) {
    String code = r.getContentType().contains("json") ? r.jsonPath().getString("code") : null;
    return r.statusCode() + (code == null ? "" : " " + code);
  }

  /** Until every outbox is delivered and no order, gift or credit is still on its way. */
  private void awaitQuiet() {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (String service : Suite.SERVICES) {
                assertThat(kopilka.outbox(service, null, "PENDING")).as(service).isZero();
              }
              assertThat(
                      count(
                          "catalog",
                          "redemption where step not in ('COMPLETED', 'FAILED',"
                              + " 'REFUNDED', 'UNPAID')"))
                  .isZero();
              assertThat(count("gifting", "gift where status = 'CONFIRMED'")).isZero();
              assertThat(
                      count(
                          "cashback",
                          "conversion where status = 'APPROVED' and credited_at" + " is null"))
                  .isZero();
            });
  }

  private void assertReflectedExactlyOnce() {
    assertThat(
            rows(
                "bonus",
                "select account_id || ' ' || reason || ' ' || reference from ledger_entry"
                    + " where reference is not null group by account_id, reason, reference"
                    + " having count(*) > 1"))
        .as("ledger entries made twice")
        .isEmpty();
    Set<String> references =
        new HashSet<>(
            rows("bonus", "select reference from ledger_entry where reference is not null"));
    List<Op> all;
    synchronized (ops) {
      all = List.copyOf(ops);
    }
    for (Op op : all) {
      if (op.reference() == null) {
        continue;
      }
      if (op.outcome() == Outcome.OK) {
        assertThat(references).as("%s", op).contains(op.reference());
      } else if (op.outcome() == Outcome.REFUSED) {
        assertThat(references).as("%s", op).doesNotContain(op.reference());
      }
    }
    assertThat(rows("bonus", "select msisdn from account where balance < 0 or held > balance"))
        .isEmpty();
    assertThat(all).filteredOn(op -> op.outcome() == Outcome.OK).isNotEmpty();
  }

  private void assertGiftLimitsHeld() {
    String booked = "gift where status in ('CONFIRMED', 'COMPLETED')";
    assertThat(
            rows(
                "gifting",
                "select sender_msisdn || ' ' || booked_on from "
                    + booked
                    + " group by sender_msisdn, booked_on"
                    + " having count(distinct recipient_msisdn) > 1 or sum(points) > 3000"))
        .as("senders over a daily limit")
        .isEmpty();
    assertThat(
            rows(
                "gifting",
                "select sender_msisdn from "
                    + booked
                    + " group by sender_msisdn, date_trunc('month', booked_on)"
                    + " having count(*) > 10"))
        .as("senders over the monthly limit")
        .isEmpty();
  }

  private void assertTotalsReconcile() {
    Map<String, Long> ledger = new HashMap<>();
    for (String row :
        rows("bonus", "select reason || ' ' || sum(points) from ledger_entry group by reason")) {
      String[] parts = row.split(" ");
      ledger.put(parts[0], Long.parseLong(parts[1]));
    }
    assertThat(ledger.getOrDefault("CASHBACK", 0L))
        .as("cashback credited")
        .isEqualTo(sum("cashback", "points", "conversion where status = 'APPROVED'"));
    long gifted = sum("gifting", "points", "gift where status = 'COMPLETED'");
    assertThat(ledger.getOrDefault("GIFT", 0L)).as("gifts received").isEqualTo(gifted);
    assertThat(-ledger.getOrDefault("GIFT_SENT", 0L)).as("gifts sent").isEqualTo(gifted);
    assertThat(-ledger.getOrDefault("REDEMPTION", 0L))
        .as("redemptions captured")
        .isEqualTo(sum("catalog", "points", "redemption where step in ('COMPLETED', 'REFUNDED')"));
    assertThat(-ledger.getOrDefault("BILL_PAYMENT", 0L))
        .as("bills paid")
        .isEqualTo(sum("cashback", "paid_points", "bill_payment where status = 'PAID'"));
  }

  private long count(String service, String from) {
    return Long.parseLong(rows(service, "select count(*) from " + from).get(0));
  }

  private long sum(String service, String column, String from) {
    return Long.parseLong(
        rows(service, "select coalesce(sum(" + column + "), 0) from " + from).get(0));
  }

  private List<String> rows(String service, String sql) {
    return kopilka.query(service, sql);
  }
}
