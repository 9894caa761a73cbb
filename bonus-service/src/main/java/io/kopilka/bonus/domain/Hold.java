package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Points reserved for a two-phase spend; captured, voided or expired exactly once. */
@Entity
@Table(name = "hold")
public class Hold extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "account_id")
  public long accountId;

  public long points;

  @Enumerated(EnumType.STRING)
  public HoldStatus status;

  public String reference;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;
}
