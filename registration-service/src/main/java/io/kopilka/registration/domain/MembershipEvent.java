package io.kopilka.registration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who did what to a membership, when and why: the membership's history. */
@Entity
@Table(name = "membership_event")
public class MembershipEvent extends PanacheEntityBase {

  /** What happened. */
  public enum Type {
    APPLIED,
    APPROVED,
    AUTO_APPROVED,
    REJECTED,
    LEFT,
    EMAIL_CONFIRMED,
    REFERRAL_CREDITED,
    REFERRAL_NOT_CREDITED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "membership_id")
  public UUID membershipId;

  public Instant at;

  public String type;

  /** The member, a support agent's or admin's token subject, or a job. */
  public String actor;

  /** WEB, USSD, SMS, API, SHOP, HOTLINE, ... */
  public String channel;

  public String detail;

  public static MembershipEvent record(
      UUID membershipId, Instant at, Type type, String actor, String channel, String detail) {
    MembershipEvent event = new MembershipEvent();
    event.membershipId = membershipId;
    event.at = at;
    event.type = type.name();
    event.actor = actor;
    event.channel = channel;
    event.detail = detail;
    event.persist();
    return event;
  }

  public static List<MembershipEvent> of(UUID membershipId) {
    return list("membershipId = ?1 order by id", membershipId);
  }
}
