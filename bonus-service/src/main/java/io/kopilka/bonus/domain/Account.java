package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A membership's points account. {@code balance} equals the sum of its entries and of its live
 * lots; {@code held} is the part of it reserved by open holds.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "membership_id")
  public UUID membershipId;

  public String msisdn;

  @Enumerated(EnumType.STRING)
  public AccountStatus status;

  @Column(name = "joined_on")
  public LocalDate joinedOn;

  @Column(name = "birth_date")
  public LocalDate birthDate;

  public long balance;
  public long held;

  /** Points of refunded spends that were already spent, netted against later accruals (A8). */
  @Column(name = "refund_debt")
  public long refundDebt;

  @Column(name = "card_spend_kopecks")
  public long cardSpendKopecks;

  @Column(name = "card_bonus_granted")
  public boolean cardBonusGranted;

  @Column(name = "last_birthday_year")
  public Integer lastBirthdayYear;

  @Column(name = "expiry_notice_year")
  public Integer expiryNoticeYear;

  @Column(name = "opened_at")
  public Instant openedAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  public long available() {
    return balance - held;
  }

  public boolean isOpen() {
    return status == AccountStatus.OPEN;
  }

  public static Optional<Account> findByMembership(UUID membershipId) {
    return find("membershipId", membershipId).firstResultOptional();
  }

  public static Optional<Account> lockByMembership(UUID membershipId) {
    return find("membershipId", membershipId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public static Optional<Account> findOpen(String msisdn) {
    return find("msisdn = ?1 and status = ?2", msisdn, AccountStatus.OPEN).firstResultOptional();
  }

  /** The open account of {@code msisdn}, row-locked until the transaction ends. */
  public static Optional<Account> lockOpen(String msisdn) {
    return find("msisdn = ?1 and status = ?2", msisdn, AccountStatus.OPEN)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public static Account lock(long id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Row-locks the open accounts of several numbers in MSISDN order. Every path that locks more than
   * one account uses this order, so two transactions never wait for each other in a cycle.
   */
  public static List<Account> lockOpen(List<String> msisdns) {
    // native SQL: an HQL "in" list is interpreted anew for every list size, on every call
    @SuppressWarnings("unchecked")
    List<Account> locked =
        getEntityManager()
            .createNativeQuery(
                "select * from account where msisdn in (:msisdns) and status = 'OPEN'"
                    + " order by msisdn for no key update",
                Account.class)
            .setParameter("msisdns", msisdns)
            .getResultList();
    return locked;
  }
}
