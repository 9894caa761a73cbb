package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A spend event as received, with what it earned. Its id makes delivery idempotent (A9). */
@Entity
@Table(name = "accrual_event")
public class AccrualEvent extends PanacheEntityBase {

  /** Outcome of an accrual. */
  public enum Status {
    ACCRUED,
    /** The number is not a member: acknowledged with 0 points so billing does not retry. */
    NOT_MEMBER
  }

  @Id
  @Column(name = "event_id")
  public String eventId;

  public String msisdn;

  @Enumerated(EnumType.STRING)
  public SpendKind kind;

  @Column(name = "amount_kopecks")
  public long amountKopecks;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  @Column(name = "account_id")
  public Long accountId;

  @Enumerated(EnumType.STRING)
  public Status status;

  /** Points credited, after netting (A8). */
  public long points;

  /** Points withheld to settle an earlier refund's shortfall (A8). */
  @Column(name = "netted_points")
  public long nettedPoints;

  @Column(name = "refunded_kopecks")
  public long refundedKopecks;

  @Column(name = "reversed_points")
  public long reversedPoints;

  @Column(name = "created_at")
  public Instant createdAt;

  /** Same event id with the same content: a redelivery rather than a conflicting event. */
  public boolean sameAs(String msisdn, SpendKind kind, long amountKopecks, Instant occurredAt) {
    return this.msisdn.equals(msisdn)
        && this.kind == kind
        && this.amountKopecks == amountKopecks
        && this.occurredAt.equals(occurredAt);
  }
}
