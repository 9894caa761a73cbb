package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.LedgerEntry;
import io.kopilka.bonus.domain.Lot;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The only code that writes entries and lots and moves a balance. Callers hold the account's row
 * lock, so balance = sum of entries = sum of live lots holds after every call.
 *
 * <p>Batch accruals use the set-based form: {@link Postings} collects credits and history lines of
 * many accounts in memory, {@link #WRITE} inserts all their entries and lots in one statement, and
 * the caller adds {@link Postings#credited} to each balance in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Ledger {

  /**
   * Entries, in the order they were posted, and a lot for each credit, expiring at the end of the
   * year (B3). Each row takes a value of its own from the sequence, in posting order, so entries of
   * one instant show in history in that order; Hibernate's pooled ranges (the 49 values below each
   * value it draws) never meet these.
   */
  static final String WRITE =
      "with line as (select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[],"
          + " ?::text[]) with ordinality as l (account_id, points, reason, reference, description,"
          + " n)),"
          + " entry as (insert into ledger_entry (id, account_id, points, reason, reference,"
          + " description, created_at) select nextval('ledger_entry_seq'), account_id, points,"
          + " reason, reference, description, ?::timestamptz from line order by n"
          + " returning id, account_id, points)"
          + " insert into lot (id, account_id, entry_id, points, remaining, expires_at)"
          + " select nextval('lot_seq'), account_id, id, points, points, ?::timestamptz"
          + " from entry where points > 0";

  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public Ledger(ProgrammeTime time, MeterRegistry metrics) {
    this.time = time;
    this.metrics = metrics;
  }

  /**
   * Credits and history lines of locked accounts, posted in memory and written by {@link #WRITE}:
   * the set-based form of {@link #credit} and {@link #note}.
   */
  public static final class Postings {

    private record Line(
        long accountId, long points, Reason reason, String reference, String description) {}

    private final Instant at;
    private final List<Line> lines = new ArrayList<>();
    private final Map<Long, Long> credited = new HashMap<>();

    private Postings(Instant at) {
      this.at = at;
    }

    /** Credits {@code points} in a new lot; the balance moves by {@link #credited}. */
    public void credit(
        long accountId, long points, Reason reason, String reference, String description) {
      requirePositive(points);
      lines.add(new Line(accountId, points, reason, reference, description));
      credited.merge(accountId, points, Long::sum);
    }

    /** A history line that moves no points (an accrual wholly netted against a refund, A8). */
    public void note(long accountId, Reason reason, String reference, String description) {
      lines.add(new Line(accountId, 0, reason, reference, description));
    }

    /** The points posted to {@code accountId}, which its balance must grow by. */
    public long credited(long accountId) {
      return credited.getOrDefault(accountId, 0L);
    }
  }

  /** Postings made at {@code at}, the creation time of their entries and lots. */
  public Postings postings(Instant at) {
    return new Postings(at);
  }

  /**
   * Binds the parameters of {@link #WRITE}, which writes the entries of {@code postings} and a lot
   * for each credit in one statement, from parameter {@code index} on; returns the next index. The
   * caller runs the statement while it holds the accounts' row locks, adds {@link
   * Postings#credited} to their balances in the same transaction, and hands the statement's update
   * count to {@link #written}.
   */
  int bindWrite(PreparedStatement write, int index, Postings postings) throws SQLException {
    int n = postings.lines.size();
    long[] accounts = new long[n];
    long[] points = new long[n];
    String[] reasons = new String[n];
    String[] references = new String[n];
    String[] descriptions = new String[n];
    for (int i = 0; i < n; i++) {
      Postings.Line line = postings.lines.get(i);
      accounts[i] = line.accountId();
      points[i] = line.points();
      reasons[i] = line.reason().name();
      references[i] = line.reference();
      descriptions[i] = line.description();
    }
    write.setObject(index, accounts);
    write.setObject(index + 1, points);
    write.setObject(index + 2, reasons);
    write.setObject(index + 3, references);
    write.setObject(index + 4, descriptions);
    write.setString(index + 5, postings.at.toString());
    write.setString(index + 6, time.endOfYear(postings.at).toString());
    return index + 7;
  }

  /**
   * Checks that {@link #WRITE} made a lot for every credit of {@code postings}, and counts them.
   */
  void written(Postings postings, int lots) {
    int credits = 0;
    Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    for (Postings.Line line : postings.lines) {
      if (line.points() > 0) {
        credits++;
        byReason.merge(line.reason(), line.points(), Long::sum);
      }
    }
    if (lots != credits) {
      throw new IllegalStateException("Wrote " + lots + " lots for " + credits + " credits");
    }
    byReason.forEach(
        (reason, sum) ->
            metrics
                .counter("kopilka.ledger.points", "reason", reason.name(), "direction", "credit")
                .increment(sum));
  }

  /** Credits {@code points} in a new lot that expires at the end of the current year (B3). */
  public LedgerEntry credit(
      Account account, long points, Reason reason, String reference, String description) {
    requirePositive(points);
    Instant now = time.now();
    LedgerEntry entry = entry(account, points, reason, reference, description, now);
    Lot lot = new Lot();
    lot.accountId = account.id;
    lot.entryId = entry.id;
    lot.points = points;
    lot.remaining = points;
    lot.expiresAt = time.endOfYear(now);
    lot.persist();
    account.balance += points;
    return entry;
  }

  /** A history line that moves no points (an accrual wholly netted against a refund, A8). */
  public LedgerEntry note(Account account, Reason reason, String reference, String description) {
    return entry(account, 0, reason, reference, description, time.now());
  }

  /**
   * Debits {@code points} of the available (not held) balance, soonest-expiring lots first (B3).
   * The caller has checked that they are available.
   */
  public LedgerEntry debit(
      Account account, long points, Reason reason, String reference, String description) {
    requirePositive(points);
    if (points > account.available()) {
      throw new IllegalStateException(
          "Debit of " + points + " exceeds available " + account.available() + " on " + account.id);
    }
    consumeLots(Lot.live(account.id), points);
    account.balance -= points;
    return entry(account, -points, reason, reference, description, time.now());
  }

  /**
   * Expires the points of lots that ended by {@code asOf} (B3). Points reserved by open holds stay
   * until the hold resolves; a later run expires them if the hold is voided.
   *
   * @return the points expired
   */
  public long expire(Account account, Instant asOf) {
    List<Lot> expired =
        Lot.list(
            "accountId = ?1 and remaining > 0 and expiresAt <= ?2 order by expiresAt, id",
            account.id,
            asOf);
    long due = expired.stream().mapToLong(l -> l.remaining).sum();
    long points = Math.max(0, due - account.held);
    if (points == 0) {
      return 0;
    }
    consumeLots(expired, points);
    account.balance -= points;
    entry(account, -points, Reason.EXPIRY, "expiry:" + time.dateOf(asOf), null, time.now());
    return points;
  }

  private static void consumeLots(List<Lot> lots, long points) {
    long left = points;
    for (Lot lot : lots) {
      if (left == 0) {
        break;
      }
      long take = Math.min(lot.remaining, left);
      lot.remaining -= take;
      left -= take;
    }
    if (left > 0) {
      throw new IllegalStateException("Lots hold " + left + " points fewer than the balance");
    }
  }

  private LedgerEntry entry(
      Account account,
      long points,
      Reason reason,
      String reference,
      String description,
      Instant at) {
    LedgerEntry entry = new LedgerEntry();
    entry.accountId = account.id;
    entry.points = points;
    entry.reason = reason;
    entry.reference = reference;
    entry.description = description;
    entry.createdAt = at;
    entry.persist();
    if (points != 0) {
      metrics
          .counter(
              "kopilka.ledger.points",
              "reason",
              reason.name(),
              "direction",
              points > 0 ? "credit" : "debit")
          .increment(Math.abs(points));
    }
    return entry;
  }

  private static void requirePositive(long points) {
    if (points <= 0) {
      throw new IllegalArgumentException("points must be positive: " + points);
    }
  }
}
