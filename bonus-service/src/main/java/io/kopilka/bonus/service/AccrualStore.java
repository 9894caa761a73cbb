package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.AccrualEvent;
import io.kopilka.bonus.domain.SpendKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Set-based SQL of accruals: one statement reads the events and one the carry-over remainders of a
 * whole batch, one writes its remainders and one its event records. A batch of 1,000 events costs a
 * handful of round trips instead of several per event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AccrualStore {

  /** Kopecks carried over for one account and kind (A7). */
  static final class Remainder {
    int year;
    long kopecks;
    boolean dirty;
  }

  record RemainderKey(long accountId, SpendKind kind) {}

  private final EntityManager em;

  public AccrualStore(EntityManager em) {
    this.em = em;
  }

  /** The recorded events among {@code eventIds}, by id. */
  Map<String, AccrualEvent> events(Collection<String> eventIds) {
    @SuppressWarnings("unchecked")
    List<AccrualEvent> found =
        em.createNativeQuery(
                "select * from accrual_event where event_id in (:ids)", AccrualEvent.class)
            .setParameter("ids", eventIds)
            .getResultList();
    return found.stream()
        .collect(Collectors.toMap(e -> e.eventId, e -> e, (a, b) -> a, HashMap::new));
  }

  /** The remainders of these accounts, for every kind. */
  Map<RemainderKey, Remainder> remainders(Set<Long> accountIds) {
    Map<RemainderKey, Remainder> remainders = new HashMap<>();
    if (accountIds.isEmpty()) {
      return remainders;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select account_id, kind, year, kopecks from accrual_remainder where account_id in (:ids)")
            .setParameter("ids", accountIds)
            .getResultList();
    for (Object[] row : rows) {
      Remainder r = new Remainder();
      r.year = ((Number) row[2]).intValue();
      r.kopecks = ((Number) row[3]).longValue();
      remainders.put(
          new RemainderKey(((Number) row[0]).longValue(), SpendKind.valueOf((String) row[1])), r);
    }
    return remainders;
  }

  /**
   * Writes the changed remainders; a remainder of a later year is never replaced by an earlier one.
   */
  void saveRemainders(Map<RemainderKey, Remainder> remainders) {
    List<Map.Entry<RemainderKey, Remainder>> dirty =
        remainders.entrySet().stream().filter(e -> e.getValue().dirty).toList();
    if (dirty.isEmpty()) {
      return;
    }
    Query upsert =
        em.createNativeQuery(
            "insert into accrual_remainder (account_id, kind, year, kopecks) values "
                + rows(dirty.size(), "?", "?", "?", "?")
                + " on conflict (account_id, kind) do update set year = excluded.year,"
                + " kopecks = excluded.kopecks where accrual_remainder.year <= excluded.year");
    int p = 1;
    for (Map.Entry<RemainderKey, Remainder> e : dirty) {
      upsert.setParameter(p++, e.getKey().accountId());
      upsert.setParameter(p++, e.getKey().kind().name());
      upsert.setParameter(p++, e.getValue().year);
      upsert.setParameter(p++, e.getValue().kopecks);
    }
    upsert.executeUpdate();
  }

  /**
   * Records events; an event someone else recorded meanwhile is skipped.
   *
   * @return the ids that this call recorded
   */
  Set<String> insertEvents(List<AccrualEvent> events, Instant now) {
    if (events.isEmpty()) {
      return Set.of();
    }
    Query insert =
        em.createNativeQuery(
            "insert into accrual_event (event_id, msisdn, kind, amount_kopecks, occurred_at,"
                + " account_id, status, points, netted_points, created_at) values "
                // a non-member's event has no account: -1 stands for null
                + rows(events.size(), "?", "?", "?", "?", "?", "nullif(?, -1)", "?", "?", "?", "?")
                + " on conflict (event_id) do nothing returning event_id");
    int p = 1;
    for (AccrualEvent e : events) {
      insert.setParameter(p++, e.eventId);
      insert.setParameter(p++, e.msisdn);
      insert.setParameter(p++, e.kind.name());
      insert.setParameter(p++, e.amountKopecks);
      insert.setParameter(p++, e.occurredAt);
      insert.setParameter(p++, e.accountId == null ? -1L : e.accountId);
      insert.setParameter(p++, e.status.name());
      insert.setParameter(p++, e.points);
      insert.setParameter(p++, e.nettedPoints);
      insert.setParameter(p++, now);
    }
    @SuppressWarnings("unchecked")
    List<String> inserted = insert.getResultList();
    return Set.copyOf(inserted);
  }

  /**
   * {@code (?1, ?2), (?3, ?4)}: {@code count} rows of the given columns, each column a template
   * whose {@code ?} becomes the next numbered parameter.
   */
  private static String rows(int count, String... columns) {
    StringBuilder sql = new StringBuilder();
    int p = 1;
    for (int r = 0; r < count; r++) {
      sql.append(r == 0 ? "(" : ", (");
      for (int c = 0; c < columns.length; c++) {
        sql.append(c == 0 ? "" : ", ").append(columns[c].replace("?", "?" + p++));
      }
      sql.append(')');
    }
    return sql.toString();
  }
}
