package io.kopilka.bonus;

import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.bonus.ConcurrencyTest.concurrently;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch is written set-based (one statement per table for all its events), so these tests check
 * that it is the same as the events accrued one by one, also when many events of the batch belong
 * to one account and when batches overlap.
 */
@QuarkusTest
class BatchAccrualTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  @Inject AgroalDataSource dataSource;

  @AfterEach
  void ledgerStaysConsistent() {
    Api.assertAuditClean();
  }

  @Test
  void shouldAccrueManyEventsOfOneAccountInABatchAsIfOneByOneA1ToA8() {
    String single = newMsisdn();
    String batched = newMsisdn();
    LocalDate joined = today().minusYears(2); // rule R8: ×1.1
    open(single, joined, LocalDate.of(1980, 1, 1));
    open(batched, joined, LocalDate.of(1980, 1, 1));
    long debt = refundDebtOf(single, 700);
    assertThat(refundDebtOf(batched, 700)).isEqualTo(debt);
    List<Map<String, Object>> events = mixedEvents();

    List<Map<String, Object>> oneByOne = new ArrayList<>();
    for (Map<String, Object> event : withIds(events, single, "s-")) {
      oneByOne.add(
          as("billing")
              .body(event)
              .post("/api/v1/accruals")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap(""));
    }
    JsonPath batch = batch(withIds(events, batched, "b-"));

    assertThat(batch.getInt("accepted")).isEqualTo(events.size());
    List<Map<String, Object>> batchResults = batch.getList("results");
    for (int i = 0; i < events.size(); i++) {
      Map<String, Object> expected = new HashMap<>(oneByOne.get(i));
      Map<String, Object> actual = new HashMap<>(batchResults.get(i));
      assertThat(suffix(actual.remove("eventId"))).isEqualTo(suffix(expected.remove("eventId")));
      assertThat(actual).as("result of event %d", i).isEqualTo(expected);
    }
    List<Integer> netted =
        batchResults.subList(0, 36).stream().map(r -> (Integer) r.get("nettedPoints")).toList();
    assertThat(netted.stream().mapToLong(Integer::longValue).sum()).isEqualTo(700); // A8
    assertThat(netted.stream().filter(p -> p > 0)).hasSizeGreaterThan(1);
    assertThat(batchResults).extracting(r -> r.get("bonusPoints")).containsOnlyOnce(1000); // A5
    assertThat(batchResults).extracting(r -> r.get("status")).containsOnly("ACCRUED");
    assertThat(Api.balance(batched).getMap(""))
        .usingRecursiveComparison()
        .ignoringFields("msisdn")
        .isEqualTo(Api.balance(single).getMap(""));
    assertThat(history(batched)).isEqualTo(history(single));
  }

  @Test
  void shouldNetARefundAcrossTheEventsOfABatchAndRefundThemLaterA5A8() {
    String msisdn = newMsisdn();
    open(msisdn);
    refundDebtOf(msisdn, 700); // 700 points to net
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    String card = UUID.randomUUID().toString();

    JsonPath result =
        batch(
            List.of(
                Api.event(first, msisdn, "TAXI", 50000), // earns 500: all netted
                Api.event(second, msisdn, "TAXI", 50000), // 200 netted, 300 credited
                Api.event(card, msisdn, "CARD", 300100), // 100 and the bonus
                Api.event(UUID.randomUUID().toString(), msisdn, "TAXI", 100000)));

    assertThat(result.getList("results.points", Long.class)).containsExactly(0L, 300L, 100L, 1000L);
    assertThat(result.getList("results.nettedPoints", Long.class))
        .containsExactly(500L, 200L, 0L, 0L);
    assertThat(result.getList("results.bonusPoints", Long.class))
        .containsExactly(0L, 0L, 1000L, 0L);
    assertThat(available(msisdn)).isEqualTo(2400);
    JsonPath history =
        asMember(msisdn).get("/api/v1/accounts/me/history").then().extract().jsonPath();
    assertThat(history.getList("items.points", Long.class).subList(0, 5))
        .containsExactly(1000L, 1000L, 100L, 300L, 0L); // newest first, the note included (B2)

    // the batch recorded what each event earned, so refunds reverse it (A8)
    refund(second, 50000).body("reversedPoints", equalTo(500)).body("debitedPoints", equalTo(500));
    // and the card spend it added: refunding it falls back under the threshold (A5)
    refund(card, 300100).body("reversedPoints", equalTo(1100)).body("debitedPoints", equalTo(1100));
    assertThat(available(msisdn)).isEqualTo(2400 - 500 - 1100);
    JsonPath next = Api.accrue(msisdn, "TAXI", 10000); // nothing left to net
    assertThat(next.getLong("points")).isEqualTo(100);
    assertThat(next.getLong("nettedPoints")).isZero();
  }

  @Test
  void shouldReplayARedeliveredBatchWithItsFirstResultsA9() {
    String msisdn = newMsisdn();
    String other = newMsisdn();
    open(msisdn);
    open(other);
    Map<String, Object> card = Api.event(UUID.randomUUID().toString(), msisdn, "CARD", 450000);
    List<Map<String, Object>> events =
        List.of(
            card,
            Api.event(UUID.randomUUID().toString(), other, "SHOP", 1000),
            Api.event(UUID.randomUUID().toString(), newMsisdn(), "TAXI", 1000),
            card); // a duplicate within the batch: the bonus is reported for both

    JsonPath first = batch(events);
    JsonPath again = batch(events);

    assertThat(first.getList("results.bonusPoints", Long.class))
        .containsExactly(1000L, 0L, 0L, 1000L);
    assertThat(first.getList("results.status", String.class))
        .containsExactly("ACCRUED", "ACCRUED", "NOT_MEMBER", "ACCRUED");
    assertThat(again.getMap("")).isEqualTo(first.getMap(""));
    assertThat(available(msisdn)).isEqualTo(150 + 1000);
    assertThat(available(other)).isEqualTo(3);
  }

  @Test
  void shouldAccrueEachEventOnceWhenOverlappingBatchesRunConcurrentlyA9() throws Exception {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      members.add(newMsisdn());
      open(members.get(i));
    }
    List<String> numbers = new ArrayList<>(members);
    numbers.add(newMsisdn()); // not members: their events have no account lock to serialise them
    numbers.add(newMsisdn());
    List<Map<String, Object>> events = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      String msisdn = numbers.get(i % numbers.size());
      long kopecks = 100L * (1 + i); // whole roubles: no remainders
      events.add(Api.event(UUID.randomUUID().toString(), msisdn, "TAXI", kopecks));
      expected.merge(msisdn, kopecks / 100, Long::sum);
    }
    events.add(Api.event(UUID.randomUUID().toString(), members.get(0), "CARD", 300100));
    expected.merge(members.get(0), 100L + 1000L, Long::sum); // the card bonus once (A5)

    List<JsonPath> results =
        concurrently(
            8,
            n -> {
              // each batch: a different two-thirds of the events, in its own order
              List<Map<String, Object>> mine = new ArrayList<>(events);
              Collections.shuffle(mine, new Random(n));
              return batch(mine.subList(0, 81));
            });

    Map<String, Map<String, Object>> byEvent = new LinkedHashMap<>();
    for (JsonPath result : results) {
      List<Map<String, Object>> items = result.getList("results");
      for (Map<String, Object> item : items) {
        Map<String, Object> seen = byEvent.putIfAbsent((String) item.get("eventId"), item);
        assertThat(item).isEqualTo(seen == null ? item : seen); // every delivery, one outcome
      }
    }
    assertThat(byEvent.values())
        .extracting(r -> r.get("status"))
        .containsOnly("ACCRUED", "NOT_MEMBER");
    batch(events); // the rest, once more
    for (String msisdn : members) {
      assertThat(available(msisdn)).as(msisdn).isEqualTo(expected.get(msisdn));
    }
  }

  @Test
  void shouldAcknowledgeTheSameNonMemberEventsOfConcurrentBatchesInAnyOrderA9() throws Exception {
    // no account lock orders these batches: only the order in which events are recorded does
    List<String> numbers = List.of(newMsisdn(), newMsisdn());
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      events.add(Api.event(UUID.randomUUID().toString(), numbers.get(i % 2), "SHOP", 1000 + i));
    }

    List<JsonPath> results =
        concurrently(
            6,
            n -> {
              List<Map<String, Object>> mine = new ArrayList<>(events);
              Collections.shuffle(mine, new Random(n));
              return batch(mine);
            });

    for (JsonPath result : results) {
      assertThat(result.getList("results.status", String.class)).containsOnly("NOT_MEMBER");
    }
  }

  @Test
  void shouldAccrueTheRestOfABatchFirstWhileAnotherTransactionHoldsAnAccountA9() throws Exception {
    String held = newMsisdn();
    String free = newMsisdn();
    open(held);
    open(free);
    String reusedId = UUID.randomUUID().toString();
    List<Map<String, Object>> events =
        List.of(
            Api.event(reusedId, held, "TAXI", 500),
            Api.event(UUID.randomUUID().toString(), free, "TAXI", 700),
            // the id's first delivery waits for its account, and still decides the outcome
            Api.event(reusedId, free, "TAXI", 900),
            Api.event(UUID.randomUUID().toString(), newMsisdn(), "SHOP", 100));

    CompletableFuture<JsonPath> posted;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock =
          c.prepareStatement("select id from account where msisdn = ? for update")) {
        lock.setString(1, held);
        lock.executeQuery().close();
      }
      posted = CompletableFuture.supplyAsync(() -> batch(events));
      // the free member's points are committed while the held account is still locked
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> available(free) == 7);
      assertThat(posted).isNotDone();
      assertThat(available(held)).isZero();
      c.rollback();
    }

    JsonPath result = posted.get(30, TimeUnit.SECONDS);
    assertThat(result.getList("results.status", String.class))
        .containsExactly("ACCRUED", "ACCRUED", "REJECTED", "NOT_MEMBER");
    assertThat(result.getList("results.points", Long.class)).containsExactly(5L, 7L, 0L, 0L);
    assertThat(available(held)).isEqualTo(5);
    assertThat(available(free)).isEqualTo(7);
  }

  /**
   * Events of one account for the equivalence test: all kinds, remainders carried over (A7) and one
   * from last year that does not take this year's remainder, the card threshold crossed (A5), a
   * duplicate (A9), and enough points to settle a refund debt over several events (A8).
   */
  private static List<Map<String, Object>> mixedEvents() {
    Instant now = MutableClock.INSTANCE.instant().minusSeconds(60);
    Instant lastYear =
        ZonedDateTime.of(today().getYear(), 1, 1, 0, 0, 0, 0, MOSCOW).toInstant().minusSeconds(600);
    String[] kinds = {"TELECOM", "SHOP", "TAXI", "CARD"};
    long[] amounts = {799, 201, 45099, 120000, 499, 1234, 99, 200000, 50001, 1, 30001, 9999};
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", Integer.toString(i));
      event.put("kind", kinds[i % kinds.length]);
      event.put("amountKopecks", amounts[i % amounts.length] + i);
      event.put("occurredAt", (i == 17 ? lastYear : now.plusMillis(i)).toString());
      events.add(event);
    }
    events.add(events.get(5)); // a redelivery within the run
    return events;
  }

  private static List<Map<String, Object>> withIds(
      List<Map<String, Object>> events, String msisdn, String prefix) {
    String run = UUID.randomUUID().toString();
    return events.stream()
        .map(
            e -> {
              Map<String, Object> event = new LinkedHashMap<>(e);
              event.put("eventId", prefix + run + "-" + e.get("eventId"));
              event.put("msisdn", msisdn);
              return event;
            })
        .toList();
  }

  /**
   * Leaves {@code msisdn} owing {@code points} of a refund (A8): {@code points} of a spend's points
   * are paid away, then the whole spend is refunded.
   */
  private static long refundDebtOf(String msisdn, long points) {
    String eventId = UUID.randomUUID().toString();
    as("billing")
        .body(Api.event(eventId, msisdn, "TAXI", 100000))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200);
    Api.payBill(msisdn, points);
    return refund(eventId, 100000).statusCode(200).extract().jsonPath().getLong("deferredPoints");
  }

  private static JsonPath batch(List<Map<String, Object>> events) {
    return as("billing")
        .body(Map.of("events", events))
        .post("/api/v1/accruals/batch")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The whole history, newest first, without what differs by account: ids, times, references. */
  private static List<String> history(String msisdn) {
    List<String> lines = new ArrayList<>();
    String cursor = null;
    do {
      var request = asMember(msisdn).queryParam("limit", 50);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request.get("/api/v1/accounts/me/history").then().statusCode(200).extract().jsonPath();
      List<Map<String, Object>> items = page.getList("items");
      for (Map<String, Object> item : items) {
        lines.add(item.get("points") + " " + item.get("reason") + " " + item.get("description"));
      }
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return lines;
  }

  private static io.restassured.response.ValidatableResponse refund(String eventId, long kopecks) {
    return as("billing")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("amountKopecks", kopecks))
        .post("/api/v1/accruals/" + eventId + "/refund")
        .then();
  }

  /** What {@link #withIds} kept of the event's own id. */
  private static String suffix(Object eventId) {
    String id = (String) eventId;
    return id.substring(id.lastIndexOf('-'));
  }

  private static LocalDate today() {
    return LocalDate.ofInstant(MutableClock.INSTANCE.instant(), MOSCOW);
  }
}
