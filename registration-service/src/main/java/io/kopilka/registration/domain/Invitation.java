package io.kopilka.registration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's invitation of a friend's number (rule R6). It counts for the friend's next activation
 * if it was valid when the friend applied; an invitation of a number that was a member already was
 * never sent and never counts.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "friend_msisdn")
  public String friendMsisdn;

  @Column(name = "inviter_msisdn")
  public String inviterMsisdn;

  @Column(name = "inviter_membership_id")
  public UUID inviterMembershipId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "sms_sent")
  public boolean smsSent;

  @Column(name = "friend_membership_id")
  public UUID friendMembershipId;

  @Column(name = "bonus_earned")
  public boolean bonusEarned;

  /** The invitation of {@code friend} that the inviter's membership sent and that is still open. */
  public static Optional<Invitation> open(UUID inviterMembershipId, String friend, Instant at) {
    return find(
            "inviterMembershipId = ?1 and friendMsisdn = ?2 and expiresAt > ?3"
                + " order by createdAt desc",
            inviterMembershipId,
            friend,
            at)
        .firstResultOptional();
  }

  /**
   * The invitation that counts for a membership of {@code friend} applied for at {@code appliedAt}:
   * the newest one sent before then and valid then, not already counted for an earlier membership.
   */
  public static Optional<Invitation> countingFor(String friend, Instant appliedAt) {
    return find(
            "friendMsisdn = ?1 and smsSent = true and friendMembershipId is null"
                + " and createdAt <= ?2 and expiresAt > ?2 order by createdAt desc",
            friend,
            appliedAt)
        .firstResultOptional();
  }

  /** How many invitations {@code inviter} made since {@code since}, the daily limit's count. */
  public static long madeSince(String inviter, Instant since) {
    return count("inviterMsisdn = ?1 and createdAt >= ?2", inviter, since);
  }

  /** Every invitation {@code inviter} made that is still kept, newest first. */
  public static List<Invitation> madeBy(String inviter) {
    return list("inviterMsisdn = ?1 order by createdAt desc", inviter);
  }
}
