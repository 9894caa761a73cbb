package io.kopilka.bonus.service;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.AccrualEvent;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.rest.AccrualDtos.RefundResult;
import io.kopilka.bonus.rest.AccrualDtos.Result;
import io.kopilka.bonus.rest.AccrualDtos.SpendEvent;
import io.kopilka.bonus.service.AccrualStore.Remainder;
import io.kopilka.bonus.service.AccrualStore.RemainderKey;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Points for spend events (A1-A9). An event id accrues once (A9): the event row is the
 * deduplication record and is written in the same transaction as the points. A single event is a
 * batch of one, so both paths share every rule.
 */
@ApplicationScoped
@Transactional
public class AccrualService {

  static final String NOT_MEMBER_REASON = "The number is not a programme member.";
  static final String CARRIED_OVER =
      "Not enough for a whole point yet; the remainder carries over.";

  private final EntityManager em;
  private final Ledger ledger;
  private final RuleBook rules;
  private final AccrualStore store;
  private final BonusConfig config;
  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public AccrualService(
      EntityManager em,
      Ledger ledger,
      RuleBook rules,
      AccrualStore store,
      BonusConfig config,
      ProgrammeTime time,
      MeterRegistry metrics) {
    this.em = em;
    this.ledger = ledger;
    this.rules = rules;
    this.store = store;
    this.config = config;
    this.time = time;
    this.metrics = metrics;
  }

  /**
   * Accrues one event, or returns the outcome of its first delivery; the same id with another event
   * is 422.
   */
  public Result accrue(SpendEvent event) {
    Result result = accrueAll(List.of(event)).get(0);
    if (result.status().equals("REJECTED")) {
      throw ProblemException.unprocessable("accrual.event-id-reused", result.reason());
    }
    return result;
  }

  /**
   * Accrues many events in one transaction, with results in request order. Accounts are locked up
   * front in MSISDN order (the order every multi-account path uses), so concurrent batches cannot
   * deadlock; an event id reused for another event is REJECTED alone.
   */
  public List<Result> accrueAll(List<SpendEvent> events) {
    // accruals read only rows they locked (kept in memory) or read in bulk below, so the session
    // need not flush before each query: entries and lots go out in JDBC batches at commit
    em.setFlushMode(FlushModeType.COMMIT);
    List<String> numbers = events.stream().map(SpendEvent::msisdn).distinct().sorted().toList();
    Map<String, Account> accounts =
        Account.lockOpen(numbers).stream().collect(Collectors.toMap(a -> a.msisdn, a -> a));
    // under the account locks: concurrent deliveries of these events have committed by now
    Map<String, AccrualEvent> seen =
        store.events(events.stream().map(SpendEvent::eventId).toList());
    Map<RemainderKey, Remainder> remainders =
        store.remainders(accounts.values().stream().map(a -> a.id).collect(Collectors.toSet()));
    List<AccrualEvent> recorded = new ArrayList<>();
    List<Result> results = new ArrayList<>(events.size());
    for (SpendEvent event : events) {
      AccrualEvent previous = seen.get(event.eventId());
      if (previous != null) {
        results.add(replay(previous, event));
        continue;
      }
      Account account = accounts.get(event.msisdn());
      Accrued accrued = account == null ? notMember(event) : accrueTo(account, event, remainders);
      seen.put(event.eventId(), accrued.record());
      recorded.add(accrued.record());
      results.add(resultOf(accrued.record(), accrued.bonus()));
    }
    store.saveRemainders(remainders);
    Set<String> inserted = store.insertEvents(recorded, time.now());
    for (AccrualEvent record : recorded) {
      if (!inserted.contains(record.eventId) && record.accountId != null) {
        // cannot happen while the account is locked; refuse rather than accrue twice
        throw ProblemException.conflict(
            "accrual.in-flight", "Event " + record.eventId + " is being accrued right now; retry.");
      }
      metrics
          .counter("kopilka.accruals", "status", record.status.name(), "kind", record.kind.name())
          .increment();
    }
    return results;
  }

  /** An event's record and the card bonus (A5) it triggered. */
  private record Accrued(AccrualEvent record, long bonus) {}

  private Accrued accrueTo(
      Account account, SpendEvent event, Map<RemainderKey, Remainder> remainders) {
    SpendKind kind = event.kind();
    LocalDate day = time.dateOf(event.occurredAt());
    Remainder remainder =
        remainders.computeIfAbsent(new RemainderKey(account.id, kind), k -> new Remainder());
    long carried = remainder.year == day.getYear() ? remainder.kopecks : 0; // rule A7
    long kopecks = carried + event.amountKopecks();
    int rate = rules.kopecksPerPoint(kind);
    if (day.getYear() >= remainder.year) {
      remainder.year = day.getYear();
      remainder.kopecks = kopecks % rate;
      remainder.dirty = true;
    }
    long earned = kopecks / rate * rules.tenurePercent(account.joinedOn, day) / 100; // rule R8
    long netted = Math.min(earned, account.refundDebt); // rule A8
    account.refundDebt -= netted;
    long points = earned - netted;
    String description = Texts.accrual(kind, event.amountKopecks(), netted);
    if (points > 0) {
      ledger.credit(account, points, Reason.ACCRUAL, event.eventId(), description);
    } else if (netted > 0) {
      // rule B2: the member sees the spend and where its points went
      ledger.note(account, Reason.ACCRUAL, event.eventId(), description);
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
    return new Accrued(
        record(event, account.id, AccrualEvent.Status.ACCRUED, points, netted), bonus);
  }

  private static Accrued notMember(SpendEvent event) {
    return new Accrued(record(event, null, AccrualEvent.Status.NOT_MEMBER, 0, 0), 0);
  }

  private static AccrualEvent record(
      SpendEvent event, Long accountId, AccrualEvent.Status status, long points, long netted) {
    AccrualEvent record = new AccrualEvent();
    record.eventId = event.eventId();
    record.msisdn = event.msisdn();
    record.kind = event.kind();
    record.amountKopecks = event.amountKopecks();
    record.occurredAt = event.occurredAt();
    record.accountId = accountId;
    record.status = status;
    record.points = points;
    record.nettedPoints = netted;
    return record;
  }

  /**
   * Refunds part of a spend (A8): the points it earned are taken back in proportion; what was
   * already spent is netted against later accruals, and the balance never goes negative.
   */
  public RefundResult refund(String eventId, long amountKopecks) {
    AccrualEvent event =
        AccrualEvent.<AccrualEvent>find("eventId", eventId)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
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
    long deferred = 0;
    Account account = event.accountId == null ? null : Account.lock(event.accountId);
    if (account != null && account.isOpen()) {
      if (event.kind == SpendKind.CARD) {
        account.cardSpendKopecks = Math.max(0, account.cardSpendKopecks - amountKopecks);
        if (account.cardBonusGranted
            && account.cardSpendKopecks <= config.cardBonusThresholdKopecks()) {
          // rule A5: the card spend is back under the threshold, so the bonus goes too
          account.cardBonusGranted = false;
          reverse += config.cardBonusPoints();
        }
      }
      debited = Math.min(reverse, account.available());
      if (debited > 0) {
        ledger.debit(
            account, debited, Reason.ACCRUAL_REVERSAL, eventId, Texts.reversal(amountKopecks));
      }
      deferred = reverse - debited;
      account.refundDebt += deferred;
    }
    return new RefundResult(eventId, refunded, reverse, debited, deferred);
  }

  private Result replay(AccrualEvent seen, SpendEvent event) {
    if (!seen.sameAs(event.msisdn(), event.kind(), event.amountKopecks(), event.occurredAt())) {
      String detail = "Event id " + event.eventId() + " was already used for a different event.";
      return new Result(
          event.eventId(),
          "REJECTED",
          0,
          0,
          0,
          detail,
          List.of(new Problem.Violation("eventId", "already used for a different event")));
    }
    return resultOf(seen, seen.accountId == null ? 0 : cardBonusOf(seen));
  }

  private static Result resultOf(AccrualEvent record, long bonus) {
    return record.status == AccrualEvent.Status.NOT_MEMBER
        ? new Result(record.eventId, "NOT_MEMBER", 0, 0, 0, NOT_MEMBER_REASON, List.of())
        : new Result(
            record.eventId,
            "ACCRUED",
            record.points,
            record.nettedPoints,
            bonus,
            record.points == 0 ? CARRIED_OVER : null,
            List.of());
  }

  private long cardBonusOf(AccrualEvent seen) {
    if (seen.kind != SpendKind.CARD) {
      return 0;
    }
    em.flush(); // the bonus entry may still be in the session (a duplicate in the same batch)
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
}
