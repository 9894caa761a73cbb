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

/** A member's way to a partner from the app or the web (C3), with the rate in force then. */
@Entity
@Table(name = "click")
public class Click extends PanacheEntityBase {

  /** Random (122 bits): the partner carries it back, so it must not be guessable. */
  @Id public UUID id;

  @Column(name = "partner_id")
  public String partnerId;

  public String msisdn;

  @Column(name = "membership_id")
  public UUID membershipId;

  @Enumerated(EnumType.STRING)
  public ClickSource source;

  @Column(name = "rate_bp")
  public int rateBp;

  @Column(name = "created_at")
  public Instant createdAt;
}
