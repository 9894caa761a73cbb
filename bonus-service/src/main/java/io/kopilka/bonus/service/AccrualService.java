package io.kopilka.bonus.service;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.AccrualEvent;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.rest.AccrualDtos.RefundResult;
import io.kopilka.bonus.rest.AccrualDtos.Result;
import io.kopilka.bonus.rest.AccrualDtos.SpendEvent;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Points for spend events (A1-A9). An event id accrues once (A9): the event row is the
 * deduplication record and is written in the same transaction as the points.
 */
@ApplicationScoped
@Transactional
public class AccrualService {

  static final String NOT_MEMBER_REASON = "The number is not a programme member.";

  private final EntityManager em;
  private final Ledger ledger;
  private final RuleBook rules;
  private final BonusConfig config;
  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public AccrualService(
      EntityManager em,
      Ledger ledger,
      RuleBook rules,
      BonusConfig config,
      ProgrammeTime time,
      MeterRegistry metrics) {
    this.em = em;
    this.ledger = ledger;
    this.rules = rules;
    this.config = config;
    this.time = time;
    this.metrics = metrics;
  }

  /** Accrues one event, or returns the outcome of its first delivery. */
  public Result accrue(SpendEvent event) {
    Optional<Account> account = Account.lockOpen(event.msisdn());
    if (account.isEmpty()) {
      // no lock to wait on: a concurrent insert of the same event makes this one a no-op
      if (!insertEvent(event, null, AccrualEvent.Status.NOT_MEMBER, 0, 0)) {
        return replay(AccrualEvent.findById(event.eventId()), event);
      }
      count(AccrualEvent.Status.NOT_MEMBER, event.kind());
      return new Result(event.eventId(), "NOT_MEMBER", 0, 0, 0, NOT_MEMBER_REASON, List.of());
    }
    // under the account lock: a concurrent delivery of this event has committed by now
    AccrualEvent seen = AccrualEvent.findById(event.eventId());
    if (seen != null) {
      return replay(seen, event);
    }
    return accrueTo(account.get(), event);
  }

  /**
   * Accrues many events in one transaction. Accounts are locked in MSISDN order (the order every
   * multi-account path uses), so concurrent batches cannot deadlock.
   */
  public List<Result> accrueAll(List<SpendEvent> events) {
    List<String> numbers = events.stream().map(SpendEvent::msisdn).distinct().sorted().toList();
    Account.lockOpen(numbers);
    return events.stream().map(this::accrue).toList();
  }

  private Result accrueTo(Account account, SpendEvent event) {
    SpendKind kind = event.kind();
    LocalDate day = time.dateOf(event.occurredAt());
    long kopecks = carryOver(account.id, kind, day.getYear()) + event.amountKopecks();
    int rate = rules.kopecksPerPoint(kind);
    saveRemainder(account.id, kind, day.getYear(), kopecks % rate); // rule A7
    long earned = kopecks / rate * rules.tenurePercent(account.joinedOn, day) / 100; // rule R8
    long netted = Math.min(earned, account.refundDebt); // rule A8
    account.refundDebt -= netted;
    long points = earned - netted;
    if (points > 0) {
      ledger.credit(
          account,
          points,
          Reason.ACCRUAL,
          event.eventId(),
          Texts.accrual(kind, event.amountKopecks()));
    }
    long bonus = 0;
    if (kind == SpendKind.CARD) {
      account.cardSpendKopecks += event.amountKopecks();
      if (!account.cardBonusGranted
          && account.cardSpendKopecks > config.cardBonusThresholdKopecks()) {
        account.cardBonusGranted = true; // rule A5: once per membership
        bonus = config.cardBonusPoints();
        ledger.credit(account, bonus, Reason.CARD_BONUS, event.eventId(), Texts.cardBonus());
      }
    }
    if (!insertEvent(event, account.id, AccrualEvent.Status.ACCRUED, points, netted)) {
      throw ProblemException.conflict(
          "accrual.in-flight", "Event " + event.eventId() + " is being accrued right now; retry.");
    }
    count(AccrualEvent.Status.ACCRUED, kind);
    return new Result(
        event.eventId(),
        "ACCRUED",
        points,
        netted,
        bonus,
        points == 0 ? "Not enough for a whole point yet; the remainder carries over." : null,
        List.of());
  }

  /**
   * Refunds part of a spend (A8): the points it earned are taken back in proportion; what was
   * already spent is netted against later accruals, and the balance never goes negative.
   */
  public RefundResult refund(String eventId, long amountKopecks) {
    AccrualEvent event =
        AccrualEvent.<AccrualEvent>find("eventId", eventId)
            .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
            .firstResultOptional()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "accrual.not-found", "No accrual event " + eventId + "."));
    if (event.refundedKopecks + amountKopecks > event.amountKopecks) {
      throw ProblemException.unprocessable(
          "accrual.refund-exceeds-spend",
          "Refunds would total "
              + (event.refundedKopecks + amountKopecks)
              + " kopecks, more than the "
              + event.amountKopecks
              + " spent.");
    }
    long refunded = event.refundedKopecks + amountKopecks;
    long earned = event.points + event.nettedPoints;
    long reversedTotal = earned * refunded / event.amountKopecks;
    long reverse = reversedTotal - event.reversedPoints;
    event.refundedKopecks = refunded;
    event.reversedPoints = reversedTotal;
    long debited = 0;
    Account account = event.accountId == null ? null : Account.lock(event.accountId);
    if (account != null && account.isOpen()) {
      debited = Math.min(reverse, account.available());
      if (debited > 0) {
        ledger.debit(
            account, debited, Reason.ACCRUAL_REVERSAL, eventId, Texts.reversal(amountKopecks));
      }
      account.refundDebt += reverse - debited;
      if (event.kind == SpendKind.CARD) {
        account.cardSpendKopecks = Math.max(0, account.cardSpendKopecks - amountKopecks);
      }
    }
    long deferred = account != null && account.isOpen() ? reverse - debited : 0;
    return new RefundResult(eventId, refunded, reverse, debited, deferred);
  }

  private void count(AccrualEvent.Status status, SpendKind kind) {
    metrics.counter("kopilka.accruals", "status", status.name(), "kind", kind.name()).increment();
  }

  private Result replay(AccrualEvent seen, SpendEvent event) {
    if (!seen.sameAs(event.msisdn(), event.kind(), event.amountKopecks(), event.occurredAt())) {
      throw ProblemException.unprocessable(
          "accrual.event-id-reused",
          "Event id " + event.eventId() + " was already used for a different event.");
    }
    long bonus = seen.accountId == null ? 0 : cardBonusOf(seen);
    return seen.status == AccrualEvent.Status.NOT_MEMBER
        ? new Result(seen.eventId, "NOT_MEMBER", 0, 0, 0, NOT_MEMBER_REASON, List.of())
        : new Result(
            seen.eventId,
            "ACCRUED",
            seen.points,
            seen.nettedPoints,
            bonus,
            seen.points == 0
                ? "Not enough for a whole point yet; the remainder carries over."
                : null,
            List.of());
  }

  private long cardBonusOf(AccrualEvent seen) {
    if (seen.kind != SpendKind.CARD) {
      return 0;
    }
    Number bonus =
        (Number)
            em.createNativeQuery(
                    "select coalesce(sum(points), 0) from ledger_entry where account_id = :account"
                        + " and reason = 'CARD_BONUS' and reference = :event")
                .setParameter("account", seen.accountId)
                .setParameter("event", seen.eventId)
                .getSingleResult();
    return bonus.longValue();
  }

  /** Kopecks left over from earlier spends of this kind in the same year (A7). */
  private long carryOver(long accountId, SpendKind kind, int year) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select year, kopecks from accrual_remainder where account_id = :account and kind = :kind")
            .setParameter("account", accountId)
            .setParameter("kind", kind.name())
            .getResultList();
    if (rows.isEmpty()) {
      return 0;
    }
    int storedYear = ((Number) rows.get(0)[0]).intValue();
    return storedYear == year ? ((Number) rows.get(0)[1]).longValue() : 0;
  }

  private void saveRemainder(long accountId, SpendKind kind, int year, long kopecks) {
    em.createNativeQuery(
            "insert into accrual_remainder (account_id, kind, year, kopecks)"
                + " values (:account, :kind, :year, :kopecks)"
                + " on conflict (account_id, kind) do update set year = excluded.year,"
                + " kopecks = excluded.kopecks where accrual_remainder.year <= excluded.year")
        .setParameter("account", accountId)
        .setParameter("kind", kind.name())
        .setParameter("year", year)
        .setParameter("kopecks", kopecks)
        .executeUpdate();
  }

  private boolean insertEvent(
      SpendEvent event, Long accountId, AccrualEvent.Status status, long points, long netted) {
    String account = accountId == null ? "null" : ":account";
    var insert =
        em.createNativeQuery(
                "insert into accrual_event (event_id, msisdn, kind, amount_kopecks, occurred_at,"
                    + " account_id, status, points, netted_points, created_at) values (:id, :msisdn,"
                    + " :kind, :amount, :occurred, "
                    + account
                    + ", :status, :points, :netted, :now) on conflict (event_id) do nothing")
            .setParameter("id", event.eventId())
            .setParameter("msisdn", event.msisdn())
            .setParameter("kind", event.kind().name())
            .setParameter("amount", event.amountKopecks())
            .setParameter("occurred", event.occurredAt())
            .setParameter("status", status.name())
            .setParameter("points", points)
            .setParameter("netted", netted)
            .setParameter("now", time.now());
    if (accountId != null) {
      insert.setParameter("account", accountId);
    }
    return insert.executeUpdate() == 1;
  }
}
