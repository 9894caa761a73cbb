package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.LedgerEntry;
import io.kopilka.bonus.domain.Lot;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The only code that writes entries and lots and moves a balance. Callers hold the account's row
 * lock, so balance = sum of entries = sum of live lots holds after every call.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Ledger {

  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public Ledger(ProgrammeTime time, MeterRegistry metrics) {
    this.time = time;
    this.metrics = metrics;
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
