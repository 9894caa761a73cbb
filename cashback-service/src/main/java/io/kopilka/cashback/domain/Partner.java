package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A shop or service paying cashback for purchases its visitors make (rules C1, C3, C4). */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

  @Id public String id;

  public String name;

  @Enumerated(EnumType.STRING)
  public Category category;

  /** The base rate in basis points; a {@link RateBoost} may raise it for a while. */
  @Column(name = "rate_bp")
  public int rateBp;

  @Column(name = "confirmation_days")
  public int confirmationDays;

  @Column(name = "attribution_days")
  public int attributionDays;

  @Column(name = "redirect_template")
  public String redirectTemplate;

  @Enumerated(EnumType.STRING)
  public PartnerStatus status;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
