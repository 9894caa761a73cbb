package io.kopilka.bonus;

import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.balance;
import static io.kopilka.bonus.Api.credit;
import static io.kopilka.bonus.Api.event;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrency claims of the ledger, proven with concurrent requests against PostgreSQL. */
@QuarkusTest
class ConcurrencyTest {

  @AfterEach
  void ledgerStaysConsistent() {
    Api.assertAuditClean();
  }

  @Test
  void shouldAccrueOneEventDeliveredTwentyTimesAtOnceOnlyOnceA9() throws Exception {
    String msisdn = newMsisdn();
    open(msisdn);
    Map<String, Object> event = event(UUID.randomUUID().toString(), msisdn, "TAXI", 12345);

    List<Integer> statuses =
        concurrently(20, i -> as("billing").body(event).post("/api/v1/accruals").statusCode());

    // each redelivery waits for the first delivery's account lock, then reads its event: a replay
    assertThat(statuses).containsOnly(200);
    assertThat(available(msisdn)).isEqualTo(123);
  }

  @Test
  void shouldAccrueOneEventIdSentAtOnceForTwentyMembersToOneOfThemOnly() throws Exception {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      members.add(newMsisdn());
      open(members.get(i));
    }
    String eventId = UUID.randomUUID().toString();

    // the members' accounts are different rows, so no lock orders these requests: the event's
    // unique key does
    List<Integer> statuses =
        concurrently(
            20,
            i ->
                as("billing")
                    .body(event(eventId, members.get(i), "TAXI", 12345))
                    .post("/api/v1/accruals")
                    .statusCode());

    // one accrued; each other request saw its event recorded (422: the id was used for another
    // event) or found it being written (409: retry)
    assertThat(statuses).containsOnlyOnce(200).isSubsetOf(200, 409, 422);
    List<Long> points = new ArrayList<>();
    members.forEach(m -> points.add(available(m)));
    assertThat(points).containsOnlyOnce(123L).isSubsetOf(0L, 123L);
  }

  @Test
  void shouldHoldExactlyTenOfFiftyConcurrentHoldsThatTheBalanceCovers() throws Exception {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 1000);

    List<Integer> statuses =
        concurrently(
            50,
            i ->
                as("service")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("msisdn", msisdn, "points", 100, "reference", "order-" + i))
                    .post("/internal/v1/holds")
                    .statusCode());

    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
    assertThat(statuses.stream().filter(s -> s == 422)).hasSize(40);
    assertThat(balance(msisdn).getLong("held")).isEqualTo(1000);
    assertThat(available(msisdn)).isZero();
  }

  @Test
  void shouldTransferInOppositeDirectionsConcurrentlyWithoutDeadlockOrLoss() throws Exception {
    String a = newMsisdn();
    String b = newMsisdn();
    open(a);
    open(b);
    credit(a, 1000);
    credit(b, 1000);

    List<Integer> statuses =
        concurrently(
            40,
            i ->
                as("service")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(
                        Map.of(
                            "fromMsisdn",
                            i % 2 == 0 ? a : b,
                            "toMsisdn",
                            i % 2 == 0 ? b : a,
                            "points",
                            10 + i,
                            "reference",
                            "gift-" + i))
                    .post("/internal/v1/transfers")
                    .statusCode());

    assertThat(statuses).containsOnly(201);
    long sentByA = 0;
    long sentByB = 0;
    for (int i = 0; i < 40; i++) {
      if (i % 2 == 0) {
        sentByA += 10 + i;
      } else {
        sentByB += 10 + i;
      }
    }
    assertThat(available(a)).isEqualTo(1000 - sentByA + sentByB);
    assertThat(available(a) + available(b)).isEqualTo(2000);
  }

  @Test
  void shouldSerialiseConcurrentSpendingSoTheBalanceNeverGoesNegative() throws Exception {
    String msisdn = newMsisdn();
    open(msisdn);
    credit(msisdn, 500);

    concurrently(
        30,
        i ->
            i % 3 == 0
                ? as("service")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("msisdn", msisdn, "maxPoints", 70, "reference", "bill-" + i))
                    .post("/internal/v1/bill-payments")
                    .statusCode()
                : i % 3 == 1
                    ? as("billing")
                        .body(event(UUID.randomUUID().toString(), msisdn, "TAXI", 1000))
                        .post("/api/v1/accruals")
                        .statusCode()
                    : as("service")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("msisdn", msisdn, "points", 60, "reference", "order-" + i))
                        .post("/internal/v1/holds")
                        .statusCode());

    assertThat(balance(msisdn).getLong("balance"))
        .isGreaterThanOrEqualTo(balance(msisdn).getLong("held"));
  }

  /** Runs {@code n} calls at once from {@code n} threads and returns their results in order. */
  static <T> List<T> concurrently(int n, Call<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<T> task =
            () -> {
              start.await();
              return call.run(index);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  interface Call<T> {
    T run(int index) throws Exception;
  }
}
