package io.kopilka.bonus;

import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.EmbeddedPostgresResource;
import io.kopilka.common.testing.EmbeddedPostgresResource.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V2 turns the lots of a database written by V1, one per credit, into one per account and expiry
 * instant (B3), keeping every account's points and what is left of them.
 */
class LotMigrationTest {

  @Test
  void shouldMergeTheLotsOfEachAccountAndExpiryB3() throws SQLException {
    Database db = EmbeddedPostgresResource.database("bonus_lot_migration");
    flyway(db, "1").clean(); // the database of an earlier run, on an external server
    flyway(db, "1").migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement s = c.createStatement()) {
      s.execute(
          """
          insert into account (id, membership_id, msisdn, status, joined_on, balance, opened_at)
          values (1, gen_random_uuid(), '79000000001', 'OPEN', date '2024-01-01', 75, now()),
                 (2, gen_random_uuid(), '79000000002', 'OPEN', date '2024-01-01', 5, now());
          insert into ledger_entry (id, account_id, points, reason, created_at)
          select g, case when g <= 4 then 1 else 2 end, 10 * g, 'PROMOTION', now()
          from generate_series(1, 5) g;
          insert into lot (id, account_id, entry_id, points, remaining, expires_at) values
            (1, 1, 1, 10, 0, timestamptz '2025-01-01 00:00+03'),
            (2, 1, 2, 20, 5, timestamptz '2026-01-01 00:00+03'),
            (3, 1, 3, 30, 30, timestamptz '2026-01-01 00:00+03'),
            (4, 1, 4, 40, 40, timestamptz '2027-01-01 00:00+03'),
            (5, 2, 5, 50, 5, timestamptz '2027-01-01 00:00+03');
          """);
      flyway(db, "latest").migrate();

      assertThat(
              rows(
                  s,
                  "select account_id, extract(year from expires_at at time zone 'Europe/Moscow'),"
                      + " points, remaining from lot order by account_id, expires_at"))
          .containsExactly(
              "1 2025 10 0", "1 2026 50 35", "1 2027 40 40", "2 2027 50 5"); // points kept
      assertThat(
              rows(
                  s,
                  "select indexname from pg_indexes where tablename in ('lot', 'accrual_event')"))
          .containsExactlyInAnyOrder("lot_pkey", "accrual_event_pkey");
    }
  }

  private static Flyway flyway(Database db, String target) {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration")
        .cleanDisabled(false)
        .target(target)
        .load();
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
