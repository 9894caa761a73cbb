package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A purchase at a partner, one per (partner, order id), and the cashback it earns (C4). */
@Entity
@Table(name = "conversion")
public class Conversion extends PanacheEntityBase {

  /** Also the idempotency key of its credit in bonus-service. */
  @Id public UUID id;

  @Column(name = "partner_id")
  public String partnerId;

  @Column(name = "order_id")
  public String orderId;

  @Column(name = "click_id")
  public UUID clickId;

  public String msisdn;

  @Column(name = "membership_id")
  public UUID membershipId;

  @Column(name = "amount_kopecks")
  public long amountKopecks;

  @Column(name = "rate_bp")
  public int rateBp;

  public long points;

  @Enumerated(EnumType.STRING)
  public ConversionStatus status;

  @Enumerated(EnumType.STRING)
  public ConversionSource source;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  /** The end of the partner's confirmation window; a pending conversion then becomes OVERDUE. */
  @Column(name = "due_at")
  public Instant dueAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "credited_at")
  public Instant creditedAt;

  public void setAmount(long amountKopecks) {
    this.amountKopecks = amountKopecks;
    this.points = Rates.points(amountKopecks, rateBp);
  }
}
