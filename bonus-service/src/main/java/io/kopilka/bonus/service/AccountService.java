package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.Account;
import io.kopilka.bonus.domain.AccountStatus;
import io.kopilka.bonus.domain.Hold;
import io.kopilka.bonus.domain.HoldStatus;
import io.kopilka.bonus.domain.LedgerEntry;
import io.kopilka.bonus.domain.Reason;
import io.kopilka.bonus.rest.AccountDtos.AccountView;
import io.kopilka.bonus.rest.AccountDtos.Balance;
import io.kopilka.bonus.rest.AccountDtos.HistoryEntry;
import io.kopilka.bonus.rest.AccountDtos.HistoryPage;
import io.kopilka.bonus.rest.AccountDtos.OpenAccount;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Opening and closing accounts; balances and history for members. */
@ApplicationScoped
@Transactional
public class AccountService {

  private static final Logger LOG = Logger.getLogger(AccountService.class);

  private final EntityManager em;
  private final Ledger ledger;
  private final ProgrammeTime time;

  public AccountService(EntityManager em, Ledger ledger, ProgrammeTime time) {
    this.em = em;
    this.ledger = ledger;
    this.time = time;
  }

  /** An opened (or already open) account; {@code created} tells which. */
  public record Opened(AccountView account, boolean created) {}

  /** Opens the account of a membership; idempotent by membership id. */
  public Opened open(OpenAccount request) {
    if (request.joinedOn().isAfter(time.today())) {
      throw ProblemException.invalid(
          "joinedOn", "must not be after today (" + time.today() + " in the programme's zone)");
    }
    // serialises opens of one number, so the checks below and the insert are atomic
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:msisdn, 1))")
        .setParameter("msisdn", request.msisdn())
        .getSingleResult();
    Optional<Account> existing = Account.findByMembership(request.membershipId());
    if (existing.isPresent()) {
      Account account = existing.get();
      if (!account.msisdn.equals(request.msisdn())) {
        throw ProblemException.conflict(
            "account.membership-conflict",
            "Membership " + request.membershipId() + " already has an account for another number.");
      }
      if (!account.isOpen()) {
        throw ProblemException.conflict(
            "account.closed",
            "The account of membership "
                + request.membershipId()
                + " is closed; re-joining makes a new membership.");
      }
      return new Opened(view(account, null), false);
    }
    if (Account.findOpen(request.msisdn()).isPresent()) {
      throw ProblemException.conflict(
          "account.msisdn-has-open-account",
          "Number "
              + Msisdn.mask(request.msisdn())
              + " already has an open account of another membership.");
    }
    Account account = new Account();
    account.membershipId = request.membershipId();
    account.msisdn = request.msisdn();
    account.status = AccountStatus.OPEN;
    account.joinedOn = request.joinedOn();
    account.birthDate = request.birthDate();
    account.openedAt = time.now();
    account.persist();
    LOG.infof("Opened account %d for %s", account.id, Msisdn.mask(account.msisdn));
    return new Opened(view(account, null), true);
  }

  /**
   * Closes the account of a membership: open holds are voided and the whole balance is forfeited as
   * a ledger entry (R9). Closing a closed account returns it unchanged.
   */
  public AccountView close(UUID membershipId, String reason) {
    Account account =
        Account.lockByMembership(membershipId).orElseThrow(() -> notFound(membershipId));
    if (account.isOpen()) {
      Instant now = time.now();
      List<Hold> holds = Hold.list("accountId = ?1 and status = ?2", account.id, HoldStatus.HELD);
      for (Hold hold : holds) {
        hold.status = HoldStatus.VOIDED;
        hold.resolvedAt = now;
      }
      account.held = 0;
      if (account.balance > 0) {
        ledger.debit(
            account,
            account.balance,
            Reason.FORFEIT,
            "membership:" + membershipId,
            reason == null ? "Выход из программы" : reason);
      }
      account.status = AccountStatus.CLOSED;
      account.closedAt = now;
      LOG.infof("Closed account %d of %s", account.id, Msisdn.mask(account.msisdn));
    }
    return view(account, forfeited(account.id));
  }

  /**
   * Records the birth date of a member who joined without one (USSD, SMS), for the birthday bonus
   * (R7). Set once: the same date again is a no-op, another date is refused.
   */
  public AccountView setBirthDate(UUID membershipId, LocalDate birthDate) {
    Account account =
        Account.lockByMembership(membershipId).orElseThrow(() -> notFound(membershipId));
    if (account.birthDate != null && !account.birthDate.equals(birthDate)) {
      throw ProblemException.conflict(
          "account.birth-date-set", "The account's birth date is set and can't be changed.");
    }
    account.birthDate = birthDate;
    return view(account, null);
  }

  /** One statement: the hottest read of the suite (B1). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Balance balance(String msisdn) {
    Instant yearEnd = time.endOfYear(time.now());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select a.balance, a.held, (select coalesce(sum(l.remaining), 0) from lot l"
                    + " where l.account_id = a.id and l.remaining > 0 and l.expires_at <= :yearEnd)"
                    + " from account a where a.msisdn = :msisdn and a.status = 'OPEN'")
            .setParameter("msisdn", msisdn)
            .setParameter("yearEnd", yearEnd)
            .getResultList();
    if (rows.isEmpty()) {
      throw noAccount(msisdn);
    }
    long balance = ((Number) rows.get(0)[0]).longValue();
    long held = ((Number) rows.get(0)[1]).longValue();
    long expiring = ((Number) rows.get(0)[2]).longValue();
    return new Balance(msisdn, balance - held, held, balance, Math.min(expiring, balance), yearEnd);
  }

  /** A page of the member's history, newest first, by keyset on (created_at, id). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public HistoryPage history(String msisdn, String cursor, int limit) {
    Account account = Account.findOpen(msisdn).orElseThrow(() -> noAccount(msisdn));
    List<LedgerEntry> entries;
    if (cursor == null || cursor.isBlank()) {
      entries =
          LedgerEntry.find("accountId = ?1 order by createdAt desc, id desc", account.id)
              .page(0, limit + 1)
              .list();
    } else {
      Cursor after = Cursor.parse(cursor);
      entries =
          LedgerEntry.find(
                  "accountId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))"
                      + " order by createdAt desc, id desc",
                  account.id,
                  after.at(),
                  after.id())
              .page(0, limit + 1)
              .list();
    }
    boolean more = entries.size() > limit;
    List<LedgerEntry> page = more ? entries.subList(0, limit) : entries;
    String next = more ? Cursor.of(page.get(page.size() - 1)) : null;
    return new HistoryPage(
        page.stream()
            .map(
                e ->
                    new HistoryEntry(
                        e.id, e.createdAt, e.points, e.reason.name(), e.reference, e.description))
            .toList(),
        next);
  }

  private long forfeited(long accountId) {
    Number sum =
        (Number)
            em.createNativeQuery(
                    "select coalesce(-sum(points), 0) from ledger_entry where account_id = :account"
                        + " and reason = 'FORFEIT'")
                .setParameter("account", accountId)
                .getSingleResult();
    return sum.longValue();
  }

  static AccountView view(Account a, Long forfeited) {
    return new AccountView(
        a.id,
        a.membershipId,
        a.msisdn,
        a.status.name(),
        a.joinedOn,
        a.birthDate,
        a.balance,
        forfeited);
  }

  static ProblemException noAccount(String msisdn) {
    return ProblemException.notFound(
        "account.not-found", "Number " + Msisdn.mask(msisdn) + " has no open bonus account.");
  }

  private static ProblemException notFound(UUID membershipId) {
    return ProblemException.notFound(
        "account.not-found", "No account for membership " + membershipId + ".");
  }

  /** Opaque history cursor: the last entry's instant and id. */
  record Cursor(Instant at, long id) {
    /** 9999-12-31T23:59:59Z, the end of what PostgreSQL and ISO-8601 dates agree on. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    static String of(LedgerEntry e) {
      String raw = e.createdAt.getEpochSecond() + "." + e.createdAt.getNano() + "." + e.id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String cursor) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
        Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        if (at.isBefore(Instant.EPOCH) || at.getEpochSecond() > MAX_EPOCH_SECOND) {
          throw new IllegalArgumentException("cursor instant out of range");
        }
        return new Cursor(at, Long.parseLong(parts[2]));
      } catch (IllegalArgumentException
          | ArrayIndexOutOfBoundsException
          | DateTimeException
          | ArithmeticException e) {
        throw ProblemException.badRequest(
            "history.invalid-cursor", "The cursor is not one this service returned.");
      }
    }
  }
}
