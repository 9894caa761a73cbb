package io.kopilka.registration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A programme membership of a number. Leaving and re-joining makes a new one; old ones stay as
 * history.
 */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

  @Id public UUID id;

  public String msisdn;

  @Enumerated(EnumType.STRING)
  public MembershipStatus status;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  public String name;

  @Column(name = "birth_date")
  public LocalDate birthDate;

  public String email;

  @Column(name = "email_confirmed_at")
  public Instant emailConfirmedAt;

  @Column(name = "email_points_credited")
  public boolean emailPointsCredited;

  @Column(name = "referrer_msisdn")
  public String referrerMsisdn;

  @Column(name = "applied_at")
  public Instant appliedAt;

  @Column(name = "activated_at")
  public Instant activatedAt;

  @Column(name = "rejected_at")
  public Instant rejectedAt;

  @Column(name = "rejection_reason")
  public String rejectionReason;

  @Column(name = "left_at")
  public Instant leftAt;

  @Version public long version;

  // two scalar parameters rather than an "in" list: Hibernate caches the plan of the query only
  // without list parameters, and this query runs for every channel request
  private static final String CURRENT = "msisdn = ?1 and (status = ?2 or status = ?3)";

  /** The pending or active membership of a number. */
  public static Optional<Membership> current(String msisdn) {
    return find(CURRENT, msisdn, MembershipStatus.PENDING_REVIEW, MembershipStatus.ACTIVE)
        .firstResultOptional();
  }

  /** The status of the number's pending or active membership, without loading the membership. */
  public static Optional<MembershipStatus> currentStatus(String msisdn) {
    return find(
            "select status from Membership where " + CURRENT,
            msisdn,
            MembershipStatus.PENDING_REVIEW,
            MembershipStatus.ACTIVE)
        .project(MembershipStatus.class)
        .firstResultOptional();
  }

  /** The newest membership of a number, whatever its status. */
  public static Optional<Membership> latest(String msisdn) {
    return find("msisdn = ?1 order by appliedAt desc", msisdn).firstResultOptional();
  }

  /** Every membership of a number, newest first. */
  public static List<Membership> history(String msisdn) {
    return list("msisdn = ?1 order by appliedAt desc", msisdn);
  }

  public static Optional<Membership> byIdForUpdate(UUID id) {
    return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
  }
}
