package io.kopilka.bonus.service;

import io.kopilka.bonus.domain.AccrualEvent;
import io.kopilka.bonus.domain.SpendKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Set-based SQL of accruals. Each statement covers the whole batch and has one text whatever the
 * batch size: the rows go in as arrays ({@code unnest}), so PostgreSQL and the JDBC driver prepare
 * it once. A batch of 1,000 events costs the same two round trips as a single event: lock the
 * accounts and read the events and the remainders; write events, remainders, ledger lines ({@link
 * Ledger#WRITE}, entries and lots) and accounts. Statements that go together travel together: one
 * prepared statement holds several, which the JDBC driver sends with one sync message, and
 * PostgreSQL runs them one after another, each with a snapshot of its own, as if they had been sent
 * one by one.
 *
 * <p>An accrual runs in a {@link Transaction} of its own on a pooled connection, not in a JTA
 * transaction: it reads and writes with these statements only and touches no entity, so it needs
 * neither the transaction manager nor a Hibernate session, which cost about a tenth of the
 * service's CPU per single accrual.
 */
@ApplicationScoped
public class AccrualStore {

  /** Kopecks carried over for one account and kind (A7). */
  static final class Remainder {
    int year;
    long kopecks;
    boolean dirty;
  }

  record RemainderKey(long accountId, SpendKind kind) {}

  /** A number and a kind of spend: whose remainder an event needs, before its account is known. */
  record Spend(String msisdn, SpendKind kind) {}

  /**
   * An open account, row-locked by {@link #open}, with the columns accruals read and change. The
   * rules change the current values; {@link #write} writes the difference.
   */
  static final class LockedAccount {
    final long id;
    final String msisdn;
    final LocalDate joinedOn;
    private final long refundDebtRead;
    private final long cardSpendRead;
    private final boolean cardBonusRead;
    long refundDebt;
    long cardSpendKopecks;
    boolean cardBonusGranted;

    LockedAccount(
        long id,
        String msisdn,
        LocalDate joinedOn,
        long refundDebt,
        long cardSpendKopecks,
        boolean cardBonusGranted) {
      this.id = id;
      this.msisdn = msisdn;
      this.joinedOn = joinedOn;
      this.refundDebt = this.refundDebtRead = refundDebt;
      this.cardSpendKopecks = this.cardSpendRead = cardSpendKopecks;
      this.cardBonusGranted = this.cardBonusRead = cardBonusGranted;
    }
  }

  /**
   * Plans every statement of the transaction once. The statements take their rows as array
   * parameters, and PostgreSQL estimates a parameter array at ten elements: its generic plan for a
   * prepared statement then looks dearer than a plan for the one element of a single accrual, so it
   * would plan the statement anew at every execution, the same index lookups each time. That
   * planning was a quarter of PostgreSQL's CPU per single accrual. {@code local}: the setting ends
   * with the transaction, and other work on the pooled connection plans as before.
   */
  private static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan";

  private static final String LOCK =
      GENERIC_PLANS
          + ";\n"
          + "select id, msisdn, joined_on, refund_debt, card_spend_kopecks, card_bonus_granted"
          + " from account where msisdn = any(?) and status = 'OPEN'"
          // the order of Account.lockOpen(List), which every multi-account path uses
          + " order by msisdn for no key update";

  /** {@link #LOCK} without waiting: accounts another transaction holds are left out. */
  private static final String LOCK_SKIPPING = LOCK + " skip locked";

  /**
   * The open accounts' numbers, locked or not: those {@link #LOCK_SKIPPING} left out are held by
   * another transaction.
   */
  private static final String OPEN_NUMBERS =
      "select msisdn from account where msisdn = any(?) and status = 'OPEN'";

  private static final String EVENTS =
      "select event_id, msisdn, kind, amount_kopecks, occurred_at, account_id, status, points,"
          + " netted_points, refunded_kopecks, reversed_points, created_at"
          + " from accrual_event where event_id = any(?)";

  // the accounts of the lock statement before it, found again by number
  private static final String REMAINDERS =
      "select r.account_id, r.kind, r.year, r.kopecks"
          + " from unnest(?::text[], ?::text[]) as k (msisdn, kind)"
          + " join account a on a.msisdn = k.msisdn and a.status = 'OPEN'"
          + " join accrual_remainder r on r.account_id = a.id and r.kind = k.kind";

  private static final String CARD_BONUSES =
      "select account_id, reference, sum(points) from ledger_entry where reason = 'CARD_BONUS'"
          + " and account_id = any(?) and reference = any(?) group by account_id, reference";

  private static final String SAVE_REMAINDERS =
      "insert into accrual_remainder (account_id, kind, year, kopecks)"
          + " select * from unnest(?::bigint[], ?::text[], ?::int[], ?::bigint[])"
          + " on conflict (account_id, kind) do update set year = excluded.year,"
          + " kopecks = excluded.kopecks where accrual_remainder.year <= excluded.year";

  private static final String INSERT_EVENTS =
      "insert into accrual_event (event_id, msisdn, kind, amount_kopecks, occurred_at,"
          + " account_id, status, points, netted_points, created_at)"
          + " select e.*, ?::timestamptz from unnest(?::text[], ?::text[], ?::text[], ?::bigint[],"
          + " ?::timestamptz[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[])"
          + " as e (event_id, msisdn, kind, amount_kopecks, occurred_at, account_id, status,"
          + " points, netted_points)"
          // concurrent transactions with overlapping events wait for each other's unique-index
          // entries in one order, so they cannot deadlock
          + " order by event_id"
          + " on conflict (event_id) do nothing returning event_id";

  private static final String SAVE_ACCOUNTS =
      "update account a set balance = a.balance + v.credited,"
          + " refund_debt = a.refund_debt - v.netted,"
          + " card_spend_kopecks = a.card_spend_kopecks + v.card_spend,"
          + " card_bonus_granted = a.card_bonus_granted or v.card_bonus"
          + " from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::boolean[])"
          + " as v (id, credited, netted, card_spend, card_bonus) where a.id = v.id";

  private static final String OPEN = LOCK + ";\n" + EVENTS + ";\n" + REMAINDERS;

  private static final String OPEN_SKIPPING =
      LOCK_SKIPPING + ";\n" + EVENTS + ";\n" + REMAINDERS + ";\n" + OPEN_NUMBERS;

  private static final String WRITE =
      INSERT_EVENTS + ";\n" + SAVE_REMAINDERS + ";\n" + Ledger.WRITE + ";\n" + SAVE_ACCOUNTS;

  private final DataSource dataSource;
  private final Ledger ledger;

  public AccrualStore(DataSource dataSource, Ledger ledger) {
    this.dataSource = dataSource;
    this.ledger = ledger;
  }

  /** Begins an accrual's transaction on a connection from the pool. */
  Transaction begin() {
    try {
      Connection connection = dataSource.getConnection();
      try {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        return new Transaction(connection, autoCommit);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /**
   * What an accrual reads: the locked accounts by number, the recorded events, the remainders, and
   * the numbers of open accounts that another transaction holds (only when {@link #open} was asked
   * not to wait for them).
   */
  record Read(
      Map<String, LockedAccount> accounts,
      Map<String, AccrualEvent> events,
      Map<RemainderKey, Remainder> remainders,
      Set<String> held) {}

  /** An event of an account: what a card bonus entry refers to. */
  record AccountEvent(long accountId, String eventId) {}

  /**
   * One accrual's transaction: the account locks and reads of {@link #open}, the writes of {@link
   * #write}, then {@link #commit}. Closing it without a commit rolls back, which also releases the
   * locks (an accrual of replays only writes nothing), and returns the connection to the pool.
   */
  final class Transaction implements AutoCloseable {
    private final Connection connection;
    private final boolean autoCommit;
    private boolean committed;

    private Transaction(Connection connection, boolean autoCommit) {
      this.connection = connection;
      this.autoCommit = autoCommit;
    }

    /**
     * Row-locks the open accounts of {@code msisdns} in MSISDN order, like {@code
     * Account.lockOpen(List)}, then reads the recorded events among {@code eventIds} and the
     * remainders of {@code spends} (the numbers and kinds the events spend on, not every kind of
     * the account), all in one round trip. The first statements of an accrual: they also set {@link
     * #GENERIC_PLANS} for the transaction. PostgreSQL runs the reads after the lock is granted,
     * each with a snapshot of its own, so they see every concurrent delivery of these events that
     * held one of the locks before.
     *
     * <p>With {@code wait} false, accounts that another transaction holds are not waited for but
     * left out, and their numbers come back as {@link Read#held}.
     */
    Read open(
        Collection<String> msisdns,
        Collection<String> eventIds,
        Collection<Spend> spends,
        boolean wait) {
      return run(
          c -> {
            String[] accountNumbers = msisdns.toArray(String[]::new);
            try (PreparedStatement open = c.prepareStatement(wait ? OPEN : OPEN_SKIPPING)) {
              open.setObject(1, accountNumbers);
              open.setObject(2, eventIds.toArray(String[]::new));
              String[] numbers = new String[spends.size()];
              String[] kinds = new String[spends.size()];
              int k = 0;
              for (Spend spend : spends) {
                numbers[k] = spend.msisdn();
                kinds[k++] = spend.kind().name();
              }
              open.setObject(3, numbers);
              open.setObject(4, kinds);
              if (!wait) {
                open.setObject(5, accountNumbers);
              }
              open.execute();
              open.getMoreResults(); // past the setting, to the locked rows
              Map<String, LockedAccount> locked = locked(open);
              Map<String, AccrualEvent> events = events(open);
              Map<RemainderKey, Remainder> remainders = remainders(open);
              return new Read(locked, events, remainders, wait ? Set.of() : held(open, locked));
            }
          });
    }

    /**
     * The card bonus (A5) each of these recorded events credited, keyed like {@code events}: by
     * account and event id. Events without a bonus are absent.
     */
    Map<AccountEvent, Long> cardBonuses(Collection<AccrualEvent> events) {
      if (events.isEmpty()) {
        return Map.of();
      }
      Set<Long> accounts = new HashSet<>();
      events.forEach(e -> accounts.add(e.accountId));
      return run(
          c -> {
            try (PreparedStatement read = c.prepareStatement(CARD_BONUSES)) {
              read.setObject(1, longs(accounts));
              read.setObject(2, events.stream().map(e -> e.eventId).toArray(String[]::new));
              Map<AccountEvent, Long> bonuses = new HashMap<>();
              try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                  bonuses.put(new AccountEvent(rs.getLong(1), rs.getString(2)), rs.getLong(3));
                }
              }
              return bonuses;
            }
          });
    }

    /**
     * Writes what the rules decided, in one round trip: records {@code events}, skipping those
     * someone else recorded meanwhile; the changed remainders, where a remainder of a later year is
     * never replaced by an earlier one; the entries and lots of {@code postings}; and, on the
     * locked accounts, the points {@code postings} credit them (so balance = sum of entries = sum
     * of live lots), refund debt netted (A8) and card spend and bonus (A5).
     *
     * @return the ids of {@code events} that this call recorded
     */
    Set<String> write(
        List<AccrualEvent> events,
        Instant now,
        Map<RemainderKey, Remainder> remainders,
        Ledger.Postings postings,
        Collection<LockedAccount> accounts) {
      List<LockedAccount> changed = changed(accounts, postings);
      return run(
          c -> {
            try (PreparedStatement write = c.prepareStatement(WRITE)) {
              int next = bindEvents(write, 1, events, now);
              next = bindRemainders(write, next, remainders);
              next = ledger.bindWrite(write, next, postings);
              bindAccounts(write, next, changed, postings);
              write.execute();
              Set<String> inserted = new HashSet<>();
              try (ResultSet rs = write.getResultSet()) {
                while (rs.next()) {
                  inserted.add(rs.getString(1));
                }
              }
              write.getMoreResults(); // the remainders' upsert: its count is not checked
              write.getMoreResults(); // the entries
              int entries = write.getUpdateCount();
              write.getMoreResults(); // the lots
              ledger.written(postings, entries, write.getUpdateCount());
              write.getMoreResults(); // the accounts
              int updated = write.getUpdateCount();
              if (updated != changed.size()) {
                throw new IllegalStateException(
                    "Updated " + updated + " of " + changed.size() + " locked accounts");
              }
              return inserted;
            }
          });
    }

    void commit() {
      run(
          c -> {
            c.commit();
            committed = true;
            return null;
          });
    }

    @Override
    public void close() {
      try (connection) {
        if (!committed) {
          connection.rollback();
        }
        connection.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        throw failed(e);
      }
    }

    /** Runs {@code work} on the transaction's connection. */
    <T> T run(Work<T> work) {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw failed(e);
      }
    }
  }

  /** Statements run on a {@link Transaction}'s connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static PersistenceException failed(SQLException e) {
    return new PersistenceException("Accrual statement failed: " + e.getMessage(), e);
  }

  // the results of OPEN, in its order; each but the last moves on to the next result

  private static Map<String, LockedAccount> locked(PreparedStatement open) throws SQLException {
    Map<String, LockedAccount> locked = new LinkedHashMap<>();
    try (ResultSet rs = open.getResultSet()) {
      while (rs.next()) {
        LockedAccount a =
            new LockedAccount(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, LocalDate.class),
                rs.getLong(4),
                rs.getLong(5),
                rs.getBoolean(6));
        locked.put(a.msisdn, a);
      }
    }
    open.getMoreResults();
    return locked;
  }

  private static Map<String, AccrualEvent> events(PreparedStatement open) throws SQLException {
    Map<String, AccrualEvent> events = new HashMap<>();
    try (ResultSet rs = open.getResultSet()) {
      while (rs.next()) {
        AccrualEvent e = new AccrualEvent();
        e.eventId = rs.getString(1);
        e.msisdn = rs.getString(2);
        e.kind = SpendKind.valueOf(rs.getString(3));
        e.amountKopecks = rs.getLong(4);
        e.occurredAt = rs.getObject(5, OffsetDateTime.class).toInstant();
        long accountId = rs.getLong(6);
        e.accountId = rs.wasNull() ? null : accountId;
        e.status = AccrualEvent.Status.valueOf(rs.getString(7));
        e.points = rs.getLong(8);
        e.nettedPoints = rs.getLong(9);
        e.refundedKopecks = rs.getLong(10);
        e.reversedPoints = rs.getLong(11);
        e.createdAt = rs.getObject(12, OffsetDateTime.class).toInstant();
        events.put(e.eventId, e);
      }
    }
    open.getMoreResults();
    return events;
  }

  private static Map<RemainderKey, Remainder> remainders(PreparedStatement open)
      throws SQLException {
    Map<RemainderKey, Remainder> remainders = new HashMap<>();
    try (ResultSet rs = open.getResultSet()) {
      while (rs.next()) {
        Remainder r = new Remainder();
        r.year = rs.getInt(3);
        r.kopecks = rs.getLong(4);
        remainders.put(new RemainderKey(rs.getLong(1), SpendKind.valueOf(rs.getString(2))), r);
      }
    }
    open.getMoreResults();
    return remainders;
  }

  /** The open accounts' numbers of {@link #OPEN_SKIPPING} that are not among {@code locked}. */
  private static Set<String> held(PreparedStatement open, Map<String, LockedAccount> locked)
      throws SQLException {
    Set<String> held = new HashSet<>();
    try (ResultSet rs = open.getResultSet()) {
      while (rs.next()) {
        String msisdn = rs.getString(1);
        if (!locked.containsKey(msisdn)) {
          held.add(msisdn);
        }
      }
    }
    return held;
  }

  /** Binds the events for {@link #INSERT_EVENTS}; returns the next index. */
  private static int bindEvents(
      PreparedStatement insert, int index, List<AccrualEvent> events, Instant now)
      throws SQLException {
    int n = events.size();
    String[] ids = new String[n];
    String[] msisdns = new String[n];
    String[] kinds = new String[n];
    long[] amounts = new long[n];
    String[] occurred = new String[n];
    Long[] accounts = new Long[n];
    String[] statuses = new String[n];
    long[] points = new long[n];
    long[] netted = new long[n];
    for (int i = 0; i < n; i++) {
      AccrualEvent e = events.get(i);
      ids[i] = e.eventId;
      msisdns[i] = e.msisdn;
      kinds[i] = e.kind.name();
      amounts[i] = e.amountKopecks;
      occurred[i] = e.occurredAt.toString(); // ISO-8601 in UTC: no zone of the session applies
      accounts[i] = e.accountId; // a non-member's event has none
      statuses[i] = e.status.name();
      points[i] = e.points;
      netted[i] = e.nettedPoints;
    }
    insert.setString(index, now.toString());
    insert.setObject(index + 1, ids);
    insert.setObject(index + 2, msisdns);
    insert.setObject(index + 3, kinds);
    insert.setObject(index + 4, amounts);
    insert.setObject(index + 5, occurred);
    insert.setObject(index + 6, accounts);
    insert.setObject(index + 7, statuses);
    insert.setObject(index + 8, points);
    insert.setObject(index + 9, netted);
    return index + 10;
  }

  /** Binds the changed remainders for {@link #SAVE_REMAINDERS}; returns the next index. */
  private static int bindRemainders(
      PreparedStatement upsert, int index, Map<RemainderKey, Remainder> remainders)
      throws SQLException {
    List<Map.Entry<RemainderKey, Remainder>> dirty = new ArrayList<>();
    for (Map.Entry<RemainderKey, Remainder> remainder : remainders.entrySet()) {
      if (remainder.getValue().dirty) {
        dirty.add(remainder);
      }
    }
    int n = dirty.size();
    long[] accounts = new long[n];
    String[] kinds = new String[n];
    int[] years = new int[n];
    long[] kopecks = new long[n];
    for (int i = 0; i < n; i++) {
      accounts[i] = dirty.get(i).getKey().accountId();
      kinds[i] = dirty.get(i).getKey().kind().name();
      years[i] = dirty.get(i).getValue().year;
      kopecks[i] = dirty.get(i).getValue().kopecks;
    }
    upsert.setObject(index, accounts);
    upsert.setObject(index + 1, kinds);
    upsert.setObject(index + 2, years);
    upsert.setObject(index + 3, kopecks);
    return index + 4;
  }

  /** The locked accounts whose row must change. */
  private static List<LockedAccount> changed(
      Collection<LockedAccount> accounts, Ledger.Postings postings) {
    List<LockedAccount> changed = new ArrayList<>();
    for (LockedAccount a : accounts) {
      if (postings.credited(a.id) != 0
          || a.refundDebt != a.refundDebtRead
          || a.cardSpendKopecks != a.cardSpendRead
          || a.cardBonusGranted != a.cardBonusRead) {
        changed.add(a);
      }
    }
    return changed;
  }

  /** Binds the changes of {@code changed} for {@link #SAVE_ACCOUNTS}. */
  private static void bindAccounts(
      PreparedStatement update, int index, List<LockedAccount> changed, Ledger.Postings postings)
      throws SQLException {
    int n = changed.size();
    long[] ids = new long[n];
    long[] credited = new long[n];
    long[] netted = new long[n];
    long[] cardSpend = new long[n];
    boolean[] cardBonus = new boolean[n];
    for (int i = 0; i < n; i++) {
      LockedAccount a = changed.get(i);
      ids[i] = a.id;
      credited[i] = postings.credited(a.id);
      netted[i] = a.refundDebtRead - a.refundDebt;
      cardSpend[i] = a.cardSpendKopecks - a.cardSpendRead;
      cardBonus[i] = a.cardBonusGranted && !a.cardBonusRead;
    }
    update.setObject(index, ids);
    update.setObject(index + 1, credited);
    update.setObject(index + 2, netted);
    update.setObject(index + 3, cardSpend);
    update.setObject(index + 4, cardBonus);
  }

  private static long[] longs(Collection<Long> values) {
    long[] longs = new long[values.size()];
    int i = 0;
    for (long value : values) {
      longs[i++] = value;
    }
    return longs;
  }
}
