package io.kopilka.bonus;

import static io.kopilka.bonus.Api.available;
import static io.kopilka.bonus.Api.credit;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.bonus.Api.runJob;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobsTest {

  private static final MutableClock CLOCK = MutableClock.INSTANCE;

  @Inject AgroalDataSource dataSource;
  @Inject SessionFactory sessions;

  @AfterEach
  void realTimeAgainAndLedgerConsistent() {
    CLOCK.reset();
    Api.assertAuditClean();
  }

  @Test
  void shouldExpireLastYearsPointsAtTheYearEndAndKeepThisYearsB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-06-01T10:00:00Z"));
    open(msisdn);
    credit(msisdn, 60);
    CLOCK.set(Instant.parse("2026-12-31T20:59:59Z")); // 23:59:59 on 31 December in Moscow
    credit(msisdn, 40);
    CLOCK.set(Instant.parse("2027-01-05T10:00:00Z"));
    credit(msisdn, 50);
    // one lot per year: each credit adds to the lot of its year
    assertThat(lots(msisdn))
        .containsExactly("2026-12-31T21:00:00Z 100/100", "2027-12-31T21:00:00Z 50/50");

    runJob("expiry", Instant.parse("2027-01-05T10:00:00Z"));
    assertThat(available(msisdn)).isEqualTo(50);
    assertThat(lots(msisdn)).containsExactly("2027-12-31T21:00:00Z 50/50"); // the empty one goes
    runJob("expiry", Instant.parse("2027-01-05T10:00:00Z")); // safe to run twice
    assertThat(available(msisdn)).isEqualTo(50);

    JsonPath history =
        asMember(msisdn).get("/api/v1/accounts/me/history").then().extract().jsonPath();
    assertThat(history.getList("items.reason")).contains("EXPIRY");
    assertThat(history.getList("items.points", Long.class)).contains(-100L);
  }

  @Test
  void shouldExpireManyAccountsInBatchesThatFlushOnceEachB3() throws Exception {
    // 250 members, more than one batch of Claims.BATCH, each with two credits in one lot that ended
    // with 2024
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      members.add(newMsisdn());
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement load =
            c.prepareStatement(
                """
                with a as (
                  insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
                  select gen_random_uuid(), m, 'OPEN', date '2024-01-01', 30, now()
                  from unnest(?::varchar[]) m returning id),
                e as (
                  insert into ledger_entry (id, account_id, points, reason, reference, created_at)
                  select nextval('ledger_entry_seq'), a.id, p, 'PROMOTION', 'batch-test',
                         timestamptz '2024-06-01 12:00+03'
                  from a, (values (10), (20)) v (p) returning id, account_id, points)
                insert into lot (account_id, expires_at, points, remaining)
                select account_id, timestamptz '2025-01-01 00:00+03', sum(points), sum(points)
                from e group by account_id
                """)) {
      load.setArray(1, c.createArrayOf("varchar", members.toArray()));
      load.executeUpdate();
    }
    long flushesBefore = sessions.getStatistics().getFlushCount();

    JsonPath run = runJob("expiry", Instant.parse("2024-12-31T21:05:00Z"));

    long flushes = sessions.getStatistics().getFlushCount() - flushesBefore;
    assertThat(run.getLong("processed")).isGreaterThanOrEqualTo(250);
    try (Connection c = dataSource.getConnection();
        PreparedStatement check =
            c.prepareStatement(
                "select count(*) filter (where a.balance = 0),"
                    + " count(*) filter (where e.points = -30 and e.reason = 'EXPIRY')"
                    + " from account a join ledger_entry e on e.account_id = a.id"
                    + " and e.reason = 'EXPIRY' where a.msisdn = any (?::varchar[])")) {
      check.setArray(1, c.createArrayOf("varchar", members.toArray()));
      try (ResultSet rows = check.executeQuery()) {
        rows.next();
        assertThat(rows.getLong(1)).as("accounts emptied").isEqualTo(250);
        assertThat(rows.getLong(2)).as("one EXPIRY entry of 30 each").isEqualTo(250);
      }
    }
    // a batch's changes go out at its commit, not before each account's lots are read
    assertThat(flushes).as("flushes for %d accounts", run.getLong("processed")).isLessThan(10);
  }

  @Test
  void shouldExpireAtMidnightMoscowTimeB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-06-01T10:00:00Z"));
    open(msisdn);
    credit(msisdn, 100);

    runJob("expiry", Instant.parse("2026-12-31T20:59:59Z")); // 23:59:59 in Moscow
    assertThat(available(msisdn)).isEqualTo(100);
    runJob("expiry", Instant.parse("2026-12-31T21:00:00Z")); // midnight in Moscow
    assertThat(available(msisdn)).isZero();
  }

  @Test
  void shouldSpendTheSoonestExpiringPointsFirstB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-06-01T10:00:00Z"));
    open(msisdn);
    credit(msisdn, 100);
    CLOCK.set(Instant.parse("2026-12-31T20:00:00Z"));
    credit(msisdn, 0 + 50); // still 2026: expires with the first lot
    CLOCK.set(Instant.parse("2027-01-01T10:00:00Z"));
    credit(msisdn, 70);
    Api.payBill(msisdn, 120); // 120 of the 150 expiring first, none of the 70

    runJob("expiry", Instant.parse("2027-01-01T10:00:00Z"));

    assertThat(available(msisdn)).isEqualTo(70);
  }

  @Test
  void shouldKeepHeldPointsUntilTheHoldIsVoidedAndExpireThemOnTheNextRunB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-12-31T20:00:00Z"));
    open(msisdn);
    credit(msisdn, 100);
    String holdId = Api.hold(msisdn, 60, 7200);

    runJob("expiry", Instant.parse("2026-12-31T21:00:00Z"));
    assertThat(Api.balance(msisdn).getLong("balance")).isEqualTo(60);
    assertThat(Api.balance(msisdn).getLong("held")).isEqualTo(60);
    assertThat(lots(msisdn)).containsExactly("2026-12-31T21:00:00Z 100/60");

    as("service").post("/internal/v1/holds/" + holdId + "/void").then().statusCode(200);
    runJob("expiry", Instant.parse("2026-12-31T21:00:00Z"));
    assertThat(Api.balance(msisdn).getLong("balance")).isZero();
    assertThat(lots(msisdn)).isEmpty();
  }

  @Test
  void shouldKeepHeldPointsOfAnExpiredLotWhenNextYearsPointsExistB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-06-01T10:00:00Z"));
    open(msisdn);
    credit(msisdn, 50);
    CLOCK.set(Instant.parse("2026-12-31T20:30:00Z"));
    String holdId = Api.hold(msisdn, 30, 86400);
    CLOCK.set(Instant.parse("2027-01-01T10:00:00Z"));
    credit(msisdn, 50);

    runJob("expiry", Instant.parse("2027-01-01T10:00:00Z")); // 20 of the 2026 lot expire
    as("service").post("/internal/v1/holds/" + holdId + "/capture").then().statusCode(200);

    assertThat(available(msisdn)).isEqualTo(50); // next year's points untouched
  }

  @Test
  void shouldCreditTheBirthdayBonusOnceAYearAndSayItBySmsR7() {
    String msisdn = newMsisdn();
    open(msisdn, LocalDate.of(2020, 1, 1), LocalDate.of(1991, 3, 14));

    runJob("birthday", Instant.parse("2027-03-13T20:59:00Z")); // 23:59 on 13 March in Moscow
    assertThat(available(msisdn)).isZero();
    runJob("birthday", Instant.parse("2027-03-13T21:00:00Z")); // 00:00 on 14 March in Moscow
    assertThat(available(msisdn)).isEqualTo(100);
    runJob("birthday", Instant.parse("2027-03-14T12:00:00Z"));
    assertThat(available(msisdn)).isEqualTo(100);

    assertThat(smsTo(msisdn)).anySatisfy(text -> assertThat(text).contains("С днём рождения"));
  }

  @Test
  void shouldNotLeaveOutAMemberWhoseAccountIsBusyWhenTheBirthdayJobRunsR7() throws Exception {
    String msisdn = newMsisdn();
    open(msisdn, LocalDate.of(2020, 1, 1), LocalDate.of(1985, 10, 9));
    try (Connection busy = dataSource.getConnection()) {
      busy.setAutoCommit(false);
      try (Statement s = busy.createStatement()) {
        s.execute("select id from account where msisdn = '" + msisdn + "' for update");
      }
      CompletableFuture<JsonPath> job =
          CompletableFuture.supplyAsync(
              () -> runJob("birthday", Instant.parse("2027-10-09T06:00:00Z")));
      Thread.sleep(1500); // the job has skipped the busy account and now waits for it
      assertThat(job).isNotDone();
      busy.commit();
      job.get(30, TimeUnit.SECONDS);
    }
    assertThat(available(msisdn)).isEqualTo(100);
  }

  @Test
  void shouldCelebrateTheTwentyNinthOfFebruaryOnTheTwentyEighthInOtherYearsR7() {
    String msisdn = newMsisdn();
    open(msisdn, LocalDate.of(2020, 1, 1), LocalDate.of(2000, 2, 29));

    runJob("birthday", Instant.parse("2027-02-28T09:00:00Z"));

    assertThat(available(msisdn)).isEqualTo(100);
  }

  @Test
  void shouldTellMembersInDecemberHowManyPointsExpireOnceB3() {
    String msisdn = newMsisdn();
    CLOCK.set(Instant.parse("2026-11-20T10:00:00Z"));
    open(msisdn);
    credit(msisdn, 321);

    assertThat(runJob("expiry-notice", Instant.parse("2026-11-30T10:00:00Z")).getLong("processed"))
        .isZero();
    runJob("expiry-notice", Instant.parse("2026-12-10T07:00:00Z"));
    runJob("expiry-notice", Instant.parse("2026-12-11T07:00:00Z"));

    List<String> texts = smsTo(msisdn);
    assertThat(texts).hasSize(1);
    assertThat(texts.get(0))
        .isEqualTo("После 31.12.2026 сгорят бонусные баллы: 321. Потратьте их: *111*455#");
  }

  @Test
  void shouldRunJobsForAdminsOnlyAndSayWhatIsWrong() {
    assertProblem(as("admin").post("/api/v1/admin/bonus/jobs/nope").then(), 404, "job.unknown");
    assertProblem(
        as("admin").queryParam("asOf", "yesterday").post("/api/v1/admin/bonus/jobs/expiry").then(),
        400,
        "job.invalid-as-of");
    assertProblem(
        as("support").post("/api/v1/admin/bonus/jobs/expiry").then(), 403, "auth.forbidden");
    assertProblem(
        as("admin").post("/api/v1/admin/cashback/jobs/expiry").then(), 404, "job.unknown");
    as("admin")
        .post("/api/v1/admin/bonus/jobs/idempotency-purge")
        .then()
        .statusCode(200)
        .body("job", equalTo("idempotency-purge"));
  }

  /** Texts of the SMS queued in the outbox for {@code msisdn}. */
  static List<String> smsTo(String msisdn) {
    return OutboxRows.to("registration", "\"msisdn\":\"" + msisdn + "\"").stream()
        .map(row -> new JsonPath(row.payload()).getString("text"))
        .toList();
  }

  /** The member's lots, soonest-expiring first, as "expiry points/remaining". */
  private List<String> lots(String msisdn) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement read =
            c.prepareStatement(
                "select l.expires_at, l.points, l.remaining from lot l"
                    + " join account a on a.id = l.account_id"
                    + " where a.msisdn = ? and a.status = 'OPEN' order by l.expires_at")) {
      read.setString(1, msisdn);
      List<String> lots = new ArrayList<>();
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          lots.add(
              rows.getObject(1, OffsetDateTime.class).toInstant()
                  + " "
                  + rows.getLong(2)
                  + "/"
                  + rows.getLong(3));
        }
      }
      return lots;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
