package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A partner's webhook signing secret ({@code whsec_...}); a rotated-out one expires later. */
@Entity
@Table(name = "partner_secret")
public class PartnerSecret extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "partner_id")
  public String partnerId;

  public String secret;

  @Column(name = "created_at")
  public Instant createdAt;

  /** Null while the secret is current. */
  @Column(name = "expires_at")
  public Instant expiresAt;
}
