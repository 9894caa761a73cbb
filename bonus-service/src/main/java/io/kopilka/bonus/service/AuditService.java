package io.kopilka.bonus.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Checks the ledger invariants of ARCHITECTURE.md over all accounts: balance = sum of entries = sum
 * of live lots ≥ 0; held = points of open holds ≤ balance; a closed account is empty.
 */
@ApplicationScoped
public class AuditService {

  private static final int MAX_REPORTED = 100;

  /** One invariant, as SQL returning (account id, expected, actual) for every violation. */
  private record Invariant(String name, String sql) {}

  private static final List<Invariant> INVARIANTS =
      List.of(
          new Invariant(
              "balance = sum of entries",
              "select a.id, coalesce(e.total, 0), a.balance from account a left join"
                  + " (select account_id, sum(points) total from ledger_entry group by account_id) e"
                  + " on e.account_id = a.id where a.balance <> coalesce(e.total, 0)"),
          new Invariant(
              "balance = sum of live lots",
              "select a.id, coalesce(l.total, 0), a.balance from account a left join"
                  + " (select account_id, sum(remaining) total from lot group by account_id) l"
                  + " on l.account_id = a.id where a.balance <> coalesce(l.total, 0)"),
          new Invariant(
              "held = points of open holds",
              "select a.id, coalesce(h.total, 0), a.held from account a left join"
                  + " (select account_id, sum(points) total from hold where status = 'HELD'"
                  + " group by account_id) h on h.account_id = a.id where a.held <> coalesce(h.total, 0)"),
          new Invariant(
              "0 <= held <= balance",
              "select id, balance, held from account where balance < 0 or held < 0 or held > balance"),
          new Invariant(
              "closed account is empty",
              "select id, 0, balance + held from account where status = 'CLOSED'"
                  + " and (balance <> 0 or held <> 0)"),
          new Invariant(
              "resolved hold has a resolution time",
              "select account_id, 0, 1 from hold where (status = 'HELD') <> (resolved_at is null)"));

  public record Violation(String invariant, long accountId, long expected, long actual) {}

  public record Report(
      Instant checkedAt,
      @Schema(example = "100000") long accounts,
      @Schema(description = "Whether every invariant holds") boolean clean,
      @Schema(description = "At most 100 violations") List<Violation> violations) {}

  private final EntityManager em;
  private final Clock clock;

  public AuditService(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** Runs every check in one read-only snapshot. */
  @Transactional
  public Report audit() {
    em.createNativeQuery("set transaction isolation level repeatable read, read only")
        .executeUpdate();
    List<Violation> violations = new ArrayList<>();
    for (Invariant invariant : INVARIANTS) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(invariant.sql() + " limit " + MAX_REPORTED).getResultList();
      for (Object[] row : rows) {
        if (violations.size() < MAX_REPORTED) {
          violations.add(
              new Violation(
                  invariant.name(),
                  ((Number) row[0]).longValue(),
                  ((Number) row[1]).longValue(),
                  ((Number) row[2]).longValue()));
        }
      }
    }
    long accounts =
        ((Number) em.createNativeQuery("select count(*) from account").getSingleResult())
            .longValue();
    return new Report(clock.instant(), accounts, violations.isEmpty(), violations);
  }
}
