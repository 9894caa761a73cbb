package io.kopilka.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An order of a reward and the state of its saga. The reward's terms are copied at the time of the
 * order, so a later change of the catalogue never changes an order. Steps move only by conditional
 * updates ({@code where step = expected}), never by writing this entity back, so the request that
 * started a saga and the recovery job can never both move it.
 */
@Entity
@Table(name = "redemption")
public class Redemption extends PanacheEntityBase {

  @Id public UUID id;

  public String caller;

  @Column(name = "idem_key")
  public String idempotencyKey;

  @Column(name = "request_hash")
  public String requestHash;

  public String msisdn;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  @Column(name = "reward_code")
  public String rewardCode;

  @Column(name = "reward_title")
  public String rewardTitle;

  @Enumerated(EnumType.STRING)
  public RewardKind kind;

  public String product;

  public Integer days;

  public Integer quantity;

  @Enumerated(EnumType.STRING)
  public PackageUnit unit;

  public long points;

  @Column(name = "paid_price_kopecks")
  public Long paidPriceKopecks;

  @Enumerated(EnumType.STRING)
  public Step step;

  @Column(name = "hold_id")
  public UUID holdId;

  @Column(name = "hold_expires_at")
  public Instant holdExpiresAt;

  @Column(name = "activation_id")
  public String activationId;

  @Column(name = "failure_code")
  public String failureCode;

  @Column(name = "failure_detail")
  public String failureDetail;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "refunded_at")
  public Instant refundedAt;

  @Column(name = "refunded_by")
  public String refundedBy;

  @Column(name = "refund_reason")
  public String refundReason;

  /** Whether the order failed (or is failing): it has a failure and is not an unpaid delivery. */
  public boolean failed() {
    return failureCode != null && step != Step.UNPAID;
  }
}
