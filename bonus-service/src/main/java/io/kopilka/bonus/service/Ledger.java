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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only code that writes entries and lots and moves a balance. Callers hold the account's row
 * lock, so balance = sum of entries = sum of live lots holds after every call.
 *
 * <p>Batch accruals use the set-based form: {@link Postings} collects credits and history lines of
 * many accounts in memory, {@link #WRITE} inserts all their entries and adds the credits to their
 * lots in one round trip, and the caller adds {@link Postings#credited} to each balance in the same
 * transaction, a JDBC transaction of its own ({@link AccrualStore.Transaction}). The methods on
 * entities take part in the caller's JTA transaction, which they require.
 */
@ApplicationScoped
public class Ledger {

  /**
   * Entries, in the order they were posted. Each row takes a value of its own from the sequence, in
   * posting order, so entries of one instant show in history in that order; Hibernate's pooled
   * ranges (the 49 values below each value it draws) never meet these.
   */
  private static final String ENTRIES =
      "insert into ledger_entry (id, account_id, points, reason, reference, description,"
          + " created_at) select nextval('ledger_entry_seq'), account_id, points, reason,"
          + " reference, description, ?::timestamptz from unnest(?::bigint[], ?::bigint[],"
          + " ?::text[], ?::text[], ?::text[]) with ordinality"
          + " as l (account_id, points, reason, reference, description, n) order by n";

  /**
   * The points credited to each account, added to its lot of the year (B3), which is made if it
   * does not exist yet.
   */
  private static final String LOTS =
      "insert into lot (account_id, expires_at, points, remaining)"
          + " select account_id, ?::timestamptz, points, points"
          + " from unnest(?::bigint[], ?::bigint[]) as c (account_id, points)"
          + " on conflict (account_id, expires_at) do update"
          + " set points = lot.points + excluded.points,"
          + " remaining = lot.remaining + excluded.remaining";

  /**
   * The entries of postings and their credits to the lots: two statements, sent together. They
   * change lots behind the persistence context, so a transaction that runs them loads no {@link
   * Lot} entity of those accounts (the accruals' transaction uses JDBC only).
   */
  static final String WRITE = ENTRIES + ";\n" + LOTS;

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
    private final Map<Long, Long> credited = new LinkedHashMap<>();

    private Postings(Instant at) {
      this.at = at;
    }

    /** Credits {@code points} to the lot of the year; the balance moves by {@link #credited}. */
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

  /** Postings made at {@code at}, the creation time of their entries; their lot is of its year. */
  public Postings postings(Instant at) {
    return new Postings(at);
  }

  /**
   * Binds the parameters of {@link #WRITE}, which writes the entries of {@code postings} and adds
   * their credits to the lots, from parameter {@code index} on; returns the next index. The caller
   * runs the statements while it holds the accounts' row locks, adds {@link Postings#credited} to
   * their balances in the same transaction, and hands the statements' update counts to {@link
   * #written}.
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
    write.setString(index, postings.at.toString());
    write.setObject(index + 1, accounts);
    write.setObject(index + 2, points);
    write.setObject(index + 3, reasons);
    write.setObject(index + 4, references);
    write.setObject(index + 5, descriptions);
    int credited = postings.credited.size();
    long[] creditedAccounts = new long[credited];
    long[] creditedPoints = new long[credited];
    int i = 0;
    for (Map.Entry<Long, Long> credit : postings.credited.entrySet()) {
      creditedAccounts[i] = credit.getKey();
      creditedPoints[i++] = credit.getValue();
    }
    write.setString(index + 6, time.endOfYear(postings.at).toString());
    write.setObject(index + 7, creditedAccounts);
    write.setObject(index + 8, creditedPoints);
    return index + 9;
  }

  /**
   * Checks that {@link #WRITE} wrote an entry for every line of {@code postings} and credited the
   * lot of every account they credit, and counts the points.
   */
  void written(Postings postings, int entries, int lots) {
    if (entries != postings.lines.size() || lots != postings.credited.size()) {
      throw new IllegalStateException(
          "Wrote "
              + entries
              + " entries and "
              + lots
              + " lots for "
              + postings.lines.size()
              + " lines and "
              + postings.credited.size()
              + " accounts");
    }
    Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    for (Postings.Line line : postings.lines) {
      if (line.points() > 0) {
        byReason.merge(line.reason(), line.points(), Long::sum);
      }
    }
    byReason.forEach(
        (reason, sum) ->
            metrics
                .counter("kopilka.ledger.points", "reason", reason.name(), "direction", "credit")
                .increment(sum));
  }

  /** Credits {@code points} to the account's lot that expires at the end of this year (B3). */
  @Transactional(Transactional.TxType.MANDATORY)
  public LedgerEntry credit(
      Account account, long points, Reason reason, String reference, String description) {
    requirePositive(points);
    Instant now = time.now();
    LedgerEntry entry = entry(account, points, reason, reference, description, now);
    Instant expiresAt = time.endOfYear(now);
    Lot lot = Lot.findById(new Lot.Key(account.id, expiresAt));
    if (lot == null) {
      lot = new Lot();
      lot.accountId = account.id;
      lot.expiresAt = expiresAt;
      lot.points = points;
      lot.remaining = points;
      lot.persist();
    } else {
      lot.points += points;
      lot.remaining += points;
    }
    account.balance += points;
    return entry;
  }

  /** A history line that moves no points (an accrual wholly netted against a refund, A8). */
  @Transactional(Transactional.TxType.MANDATORY)
  public LedgerEntry note(Account account, Reason reason, String reference, String description) {
    return entry(account, 0, reason, reference, description, time.now());
  }

  /**
   * Debits {@code points} of the available (not held) balance, soonest-expiring lots first (B3).
   * The caller has checked that they are available.
   */
  @Transactional(Transactional.TxType.MANDATORY)
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
   * until the hold resolves; a later run expires them if the hold is voided. Ended lots left empty
   * are deleted: no credit or debit reaches them any more.
   *
   * @return the points expired
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public long expire(Account account, Instant asOf) {
    List<Lot> ended =
        Lot.list("accountId = ?1 and expiresAt <= ?2 order by expiresAt", account.id, asOf);
    long due = 0;
    for (Lot lot : ended) {
      due += lot.remaining;
    }
    long points = Math.max(0, due - account.held);
    if (points > 0) {
      consumeLots(ended, points);
      account.balance -= points;
      entry(account, -points, Reason.EXPIRY, "expiry:" + time.dateOf(asOf), null, time.now());
    }
    for (Lot lot : ended) {
      if (lot.remaining == 0) {
        lot.delete();
      }
    }
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
