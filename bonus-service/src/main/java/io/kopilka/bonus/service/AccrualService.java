package io.kopilka.bonus.service;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.AccrualEvent;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.rest.AccrualDtos.RefundResult;
import io.kopilka.bonus.rest.AccrualDtos.Result;
import io.kopilka.bonus.rest.AccrualDtos.SpendEvent;
import io.kopilka.bonus.service.AccrualStore.AccountEvent;
import io.kopilka.bonus.service.AccrualStore.LockedAccount;
import io.kopilka.bonus.service.AccrualStore.Remainder;
import io.kopilka.bonus.service.AccrualStore.RemainderKey;
import io.kopilka.bonus.service.AccrualStore.Spend;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Points for spend events (A1-A9). An event id accrues once (A9): the event row is the
 * deduplication record and is written in the same transaction as the points. A single event is a
 * batch of one, so both paths share every rule.
 */
@ApplicationScoped
public class AccrualService {

  static final String NOT_MEMBER_REASON = "The number is not a programme member.";
  static final String CARRIED_OVER =
      "Not enough for a whole point yet; the remainder carries over.";

  private final Ledger ledger;
  private final RuleBook rules;
  private final AccrualStore store;
  private final BonusConfig config;
  private final ProgrammeTime time;
  private final MeterRegistry metrics;

  public AccrualService(
      Ledger ledger,
      RuleBook rules,
      AccrualStore store,
      BonusConfig config,
      ProgrammeTime time,
      MeterRegistry metrics) {
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
   * Accrues many events, with results in request order. An event id reused for another event is
   * REJECTED alone.
   *
   * <p>The events of a batch go in one transaction, and their accounts are locked up front in
   * MSISDN order (the order every multi-account path uses), so concurrent batches cannot deadlock.
   * A batch does not wait for accounts that another transaction holds: it accrues the events of the
   * others first and commits, then accrues the held accounts' events in a second transaction that
   * waits for their locks. Two batches of random members share a few accounts, and waiting for the
   * first shared one would hold the second batch until the first commits, so concurrent batches
   * would run one at a time. A single event waits for its account.
   */
  public List<Result> accrueAll(List<SpendEvent> events) {
    Result[] results = new Result[events.size()];
    List<Integer> deferred = accrue(events, results, events.size() == 1);
    if (!deferred.isEmpty()) {
      List<SpendEvent> rest = new ArrayList<>(deferred.size());
      deferred.forEach(i -> rest.add(events.get(i)));
      Result[] later = new Result[rest.size()];
      accrue(rest, later, true);
      for (int k = 0; k < later.length; k++) {
        results[deferred.get(k)] = later[k];
      }
    }
    return Arrays.asList(results);
  }

  /**
   * Accrues {@code events} in one transaction into {@code results}. The rules run in memory;
   * events, remainders, ledger lines and accounts are then written in one round trip. With {@code
   * wait} false, the events of accounts another transaction holds are left for later, and so is
   * every later event with the id of one left: their positions are returned.
   */
  private List<Integer> accrue(List<SpendEvent> events, Result[] results, boolean wait) {
    // plain loops: on the path of every single accrual, a stream costs more than its work
    Set<String> numbers = new TreeSet<>();
    Set<String> eventIds = new LinkedHashSet<>();
    Set<Spend> spends = new HashSet<>();
    for (SpendEvent event : events) {
      numbers.add(event.msisdn());
      eventIds.add(event.eventId());
      spends.add(new Spend(event.msisdn(), event.kind()));
    }
    List<AccrualEvent> recorded = new ArrayList<>();
    List<Integer> deferred = new ArrayList<>();
    // the first delivery of an id decides its outcome, so one left for later keeps the later ones
    Set<String> deferredIds = new HashSet<>();
    // before the transaction: reading them when the cache has expired takes a connection
    RuleBook.Rules rules = this.rules.current();
    try (AccrualStore.Transaction tx = store.begin()) {
      // read under the account locks: concurrent deliveries of these events have committed by now
      AccrualStore.Read read = tx.open(numbers, eventIds, spends, wait);
      Map<String, LockedAccount> accounts = read.accounts();
      Map<String, AccrualEvent> seen = read.events();
      Map<RemainderKey, Remainder> remainders = read.remainders();
      Instant now = time.now();
      Ledger.Postings postings = ledger.postings(now);
      Map<String, Long> bonusOfRecorded = new HashMap<>();
      // replays of card events recorded earlier: their bonus is read at once below
      Map<Integer, AccrualEvent> bonusToRead = new HashMap<>();
      for (int i = 0; i < events.size(); i++) {
        SpendEvent event = events.get(i);
        if (deferredIds.contains(event.eventId())) {
          deferred.add(i);
          continue;
        }
        AccrualEvent previous = seen.get(event.eventId());
        if (previous != null) {
          Long bonus = bonusOfRecorded.get(previous.eventId);
          if (!isReplayOf(previous, event)) {
            results[i] = reused(event);
          } else if (previous.accountId == null || previous.kind != SpendKind.CARD) {
            results[i] = resultOf(previous, 0);
          } else if (bonus != null) {
            results[i] = resultOf(previous, bonus); // a duplicate within this batch
          } else {
            bonusToRead.put(i, previous);
          }
          continue;
        }
        LockedAccount account = accounts.get(event.msisdn());
        if (account == null && read.held().contains(event.msisdn())) {
          deferred.add(i);
          deferredIds.add(event.eventId());
          continue;
        }
        Accrued accrued =
            account == null
                ? notMember(event)
                : accrueTo(account, event, rules, remainders, postings);
        seen.put(event.eventId(), accrued.record());
        recorded.add(accrued.record());
        bonusOfRecorded.put(event.eventId(), accrued.bonus());
        results[i] = resultOf(accrued.record(), accrued.bonus());
      }
      if (!bonusToRead.isEmpty()) {
        Map<AccountEvent, Long> bonuses = tx.cardBonuses(bonusToRead.values());
        bonusToRead.forEach(
            (i, previous) ->
                results[i] =
                    resultOf(
                        previous,
                        bonuses.getOrDefault(
                            new AccountEvent(previous.accountId, previous.eventId), 0L)));
      }
      if (recorded.isEmpty()) {
        return deferred; // replays only: nothing to write, closing rolls back
      }
      Set<String> inserted = tx.write(recorded, now, remainders, postings, accounts.values());
      for (AccrualEvent record : recorded) {
        if (!inserted.contains(record.eventId) && record.accountId != null) {
          // recorded meanwhile for another member, whose account this accrual did not lock: a
          // delivery of the same id is being accrued; closing without a commit rolls back
          throw ProblemException.conflict(
              "accrual.in-flight",
              "Event " + record.eventId + " is being accrued right now; retry.");
        }
      }
      tx.commit();
    }
    countAccruals(recorded);
    return deferred;
  }

  /** An event's record and the card bonus (A5) it triggered. */
  private record Accrued(AccrualEvent record, long bonus) {}

  private Accrued accrueTo(
      LockedAccount account,
      SpendEvent event,
      RuleBook.Rules rules,
      Map<RemainderKey, Remainder> remainders,
      Ledger.Postings postings) {
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
      postings.credit(account.id, points, Reason.ACCRUAL, event.eventId(), description);
    } else if (netted > 0) {
      // rule B2: the member sees the spend and where its points went
      postings.note(account.id, Reason.ACCRUAL, event.eventId(), description);
    }
    long bonus = 0;
    if (kind == SpendKind.CARD) {
      account.cardSpendKopecks += event.amountKopecks();
      if (!account.cardBonusGranted
          && account.cardSpendKopecks > config.cardBonusThresholdKopecks()) {
        account.cardBonusGranted = true; // rule A5: once per membership
        bonus = config.cardBonusPoints();
        postings.credit(account.id, bonus, Reason.CARD_BONUS, event.eventId(), Texts.cardBonus());
      }
    }
    return new Accrued(
        record(event, account.id, AccrualEvent.Status.ACCRUED, points, netted), bonus);
  }

  private void countAccruals(List<AccrualEvent> recorded) {
    int[][] counts = new int[AccrualEvent.Status.values().length][SpendKind.values().length];
    recorded.forEach(r -> counts[r.status.ordinal()][r.kind.ordinal()]++);
    for (AccrualEvent.Status status : AccrualEvent.Status.values()) {
      for (SpendKind kind : SpendKind.values()) {
        if (counts[status.ordinal()][kind.ordinal()] > 0) {
          metrics
              .counter("kopilka.accruals", "status", status.name(), "kind", kind.name())
              .increment(counts[status.ordinal()][kind.ordinal()]);
        }
      }
    }
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
  @Transactional
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

  private static boolean isReplayOf(AccrualEvent seen, SpendEvent event) {
    return seen.sameAs(event.msisdn(), event.kind(), event.amountKopecks(), event.occurredAt());
  }

  private static Result reused(SpendEvent event) {
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
}
