package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A member's "cashback not received" claim, decided by support (C5). */
@Entity
@Table(name = "claim")
public class Claim extends PanacheEntityBase {

  @Id public UUID id;

  public String msisdn;

  @Column(name = "membership_id")
  public UUID membershipId;

  @Column(name = "partner_id")
  public String partnerId;

  @Column(name = "order_id")
  public String orderId;

  @Column(name = "purchased_on")
  public LocalDate purchasedOn;

  @Column(name = "amount_kopecks")
  public long amountKopecks;

  @Column(name = "click_id")
  public UUID clickId;

  @Enumerated(EnumType.STRING)
  public ClaimStatus status;

  @Column(name = "conversion_id")
  public UUID conversionId;

  public String reason;

  @Column(name = "decided_by")
  public String decidedBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "decided_at")
  public Instant decidedAt;
}
