package io.kopilka.bonus.service;

import io.kopilka.bonus.config.BonusConfig;
import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.Hold;
import io.kopilka.bonus.domain.HoldStatus;
import io.kopilka.bonus.domain.LedgerEntry;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.rest.SpendingDtos.BillPayment;
import io.kopilka.bonus.rest.SpendingDtos.BillPaymentResult;
import io.kopilka.bonus.rest.SpendingDtos.Credit;
import io.kopilka.bonus.rest.SpendingDtos.CreditResult;
import io.kopilka.bonus.rest.SpendingDtos.HoldRequest;
import io.kopilka.bonus.rest.SpendingDtos.HoldView;
import io.kopilka.bonus.rest.SpendingDtos.Transfer;
import io.kopilka.bonus.rest.SpendingDtos.TransferResult;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What other services do with points: credit, two-phase holds, gift transfers and bill payments.
 * Callers make these idempotent with an {@code Idempotency-Key}; holds resolve exactly once by
 * their own state.
 */
@ApplicationScoped
@Transactional
public class SpendingService {

  private final Ledger ledger;
  private final BonusConfig config;
  private final ProgrammeTime time;

  public SpendingService(Ledger ledger, BonusConfig config, ProgrammeTime time) {
    this.ledger = ledger;
    this.config = config;
    this.time = time;
  }

  public CreditResult credit(Credit request) {
    if (!Reason.CREDITABLE.contains(request.reason())) {
      throw ProblemException.badRequest(
          "credit.reason-not-allowed",
          "Reason "
              + request.reason()
              + " cannot be credited; use one of "
              + Reason.CREDITABLE
              + ".");
    }
    Account account =
        request.membershipId() == null
            ? lockOpen(request.msisdn())
            : lockMembership(request.membershipId(), request.msisdn());
    LedgerEntry entry =
        ledger.credit(
            account,
            request.points(),
            request.reason(),
            request.reference(),
            request.description());
    return new CreditResult(
        entry.id, account.msisdn, request.points(), request.reason().name(), account.balance);
  }

  public HoldView hold(HoldRequest request) {
    Duration ttl =
        request.ttlSeconds() == null ? config.holdTtl() : Duration.ofSeconds(request.ttlSeconds());
    if (ttl.compareTo(config.holdMaxTtl()) > 0) {
      throw ProblemException.badRequest(
          "hold.ttl-too-long",
          "A hold may last at most " + config.holdMaxTtl().toSeconds() + " seconds.");
    }
    Account account = lockOpen(request.msisdn());
    requireAvailable(account, request.points());
    Instant now = time.now();
    Hold hold = new Hold();
    hold.id = UUID.randomUUID();
    hold.accountId = account.id;
    hold.points = request.points();
    hold.status = HoldStatus.HELD;
    hold.reference = request.reference();
    hold.createdAt = now;
    hold.expiresAt = now.plus(ttl);
    hold.persist();
    account.held += hold.points;
    return view(hold, account);
  }

  /** Spends the held points; capturing a captured hold returns it unchanged. */
  public HoldView capture(UUID holdId) {
    Hold hold = findHold(holdId);
    Account account = lockAccountOf(hold);
    if (hold.status == HoldStatus.CAPTURED) {
      return view(hold, account);
    }
    if (hold.status != HoldStatus.HELD) {
      throw alreadyResolved(hold);
    }
    if (!time.now().isBefore(hold.expiresAt)) {
      throw ProblemException.conflict(
          "hold.expired",
          "Hold " + holdId + " expired at " + hold.expiresAt + "; its points are released.");
    }
    account.held -= hold.points;
    ledger.debit(account, hold.points, Reason.REDEMPTION, hold.reference, null);
    return resolve(hold, account, HoldStatus.CAPTURED);
  }

  /** Releases the held points; voiding a voided or expired hold returns it unchanged. */
  public HoldView voidHold(UUID holdId) {
    Hold hold = findHold(holdId);
    Account account = lockAccountOf(hold);
    if (hold.status == HoldStatus.VOIDED || hold.status == HoldStatus.EXPIRED) {
      return view(hold, account);
    }
    if (hold.status != HoldStatus.HELD) {
      throw alreadyResolved(hold);
    }
    account.held -= hold.points;
    return resolve(hold, account, HoldStatus.VOIDED);
  }

  /**
   * Expires a hold whose time has passed, releasing its points.
   *
   * @return whether this call expired it
   */
  public boolean expireHold(UUID holdId, Instant asOf) {
    Hold hold = findHold(holdId);
    Account account = lockAccountOf(hold);
    if (hold.status != HoldStatus.HELD || hold.expiresAt.isAfter(asOf)) {
      return false;
    }
    account.held -= hold.points;
    resolve(hold, account, HoldStatus.EXPIRED);
    return true;
  }

  /**
   * Moves points between two members in one transaction (G1); they expire like the recipient's own
   * (G5).
   */
  public TransferResult transfer(Transfer request) {
    if (request.fromMsisdn().equals(request.toMsisdn())) {
      throw ProblemException.unprocessable(
          "transfer.same-account", "Points cannot be transferred to the same number.");
    }
    List<Account> accounts = Account.lockOpen(List.of(request.fromMsisdn(), request.toMsisdn()));
    Account from = pick(accounts, request.fromMsisdn());
    Account to = pick(accounts, request.toMsisdn());
    requireAvailable(from, request.points());
    ledger.debit(
        from,
        request.points(),
        Reason.GIFT_SENT,
        request.reference(),
        "Подарок для " + Msisdn.mask(to.msisdn));
    ledger.credit(
        to,
        request.points(),
        Reason.GIFT,
        request.reference(),
        "Подарок от " + Msisdn.mask(from.msisdn));
    return new TransferResult(
        from.msisdn, to.msisdn, request.points(), request.reference(), from.balance, to.balance);
  }

  /** Pays up to {@code maxPoints} of the phone bill (B4, C7); returns what was paid. */
  public BillPaymentResult payBill(BillPayment request) {
    Account account = lockOpen(request.msisdn());
    long paid = Math.min(request.maxPoints(), account.available());
    if (paid > 0) {
      ledger.debit(
          account, paid, Reason.BILL_PAYMENT, request.reference(), "Оплата услуг связи баллами");
    }
    return new BillPaymentResult(account.msisdn, paid, account.balance);
  }

  private HoldView resolve(Hold hold, Account account, HoldStatus status) {
    hold.status = status;
    hold.resolvedAt = time.now();
    return view(hold, account);
  }

  /** Every hold change happens under its account's lock; the hold is re-read under it. */
  private static Account lockAccountOf(Hold hold) {
    Account account = Account.lock(hold.accountId);
    Hold.getEntityManager().refresh(hold);
    return account;
  }

  private static Hold findHold(UUID holdId) {
    Hold hold = Hold.findById(holdId);
    if (hold == null) {
      throw ProblemException.notFound("hold.not-found", "No hold " + holdId + ".");
    }
    return hold;
  }

  private static ProblemException alreadyResolved(Hold hold) {
    return ProblemException.conflict(
        "hold.already-resolved", "Hold " + hold.id + " is already " + hold.status + ".");
  }

  private static Account pick(List<Account> accounts, String msisdn) {
    return accounts.stream()
        .filter(a -> a.msisdn.equals(msisdn))
        .findFirst()
        .orElseThrow(() -> AccountService.noAccount(msisdn));
  }

  /** The open account of one membership of {@code msisdn}. */
  private static Account lockMembership(UUID membershipId, String msisdn) {
    Account account =
        Account.lockByMembership(membershipId)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "account.not-found",
                        "No account for membership " + membershipId + " (yet)."));
    if (!account.msisdn.equals(msisdn)) {
      throw ProblemException.conflict(
          "account.membership-conflict",
          "Membership " + membershipId + " has an account for another number.");
    }
    if (!account.isOpen()) {
      // rule R9: points of an ended membership are forfeited, never moved to the next one
      throw ProblemException.conflict(
          "account.closed", "The account of membership " + membershipId + " is closed.");
    }
    return account;
  }

  private static Account lockOpen(String msisdn) {
    return Account.lockOpen(msisdn).orElseThrow(() -> AccountService.noAccount(msisdn));
  }

  private static void requireAvailable(Account account, long points) {
    if (account.available() < points) {
      throw ProblemException.unprocessable(
          "ledger.insufficient-points",
          "Not enough points: " + account.available() + " available, " + points + " needed.");
    }
  }

  private static HoldView view(Hold hold, Account account) {
    return new HoldView(
        hold.id,
        account.msisdn,
        hold.points,
        hold.status.name(),
        hold.reference,
        hold.expiresAt,
        hold.resolvedAt);
  }
}
