package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A temporarily increased rate (C2), in force from {@code startsAt} until {@code endsAt}. */
@Entity
@Table(name = "rate_boost")
public class RateBoost extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "partner_id")
  public String partnerId;

  @Column(name = "rate_bp")
  public int rateBp;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "ends_at")
  public Instant endsAt;

  @Column(name = "created_at")
  public Instant createdAt;
}
