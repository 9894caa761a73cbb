package io.kopilka.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** A reward of the catalogue (rules K1-K4), identified by its short code. */
@Entity
@Table(name = "reward")
public class Reward extends PanacheEntityBase {

  @Id public String code;

  public String title;

  public String description;

  @Enumerated(EnumType.STRING)
  public Category category;

  public long points;

  @Enumerated(EnumType.STRING)
  public RewardKind kind;

  public String product;

  public Integer days;

  public Integer quantity;

  @Enumerated(EnumType.STRING)
  public PackageUnit unit;

  @Column(name = "value_kopecks")
  public Long valueKopecks;

  @Column(name = "paid_price_kopecks")
  public Long paidPriceKopecks;

  @Column(name = "available_from")
  public LocalDate availableFrom;

  @Column(name = "available_until")
  public LocalDate availableUntil;

  @Column(name = "retired_at")
  public Instant retiredAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  /** Why the reward can't be ordered on {@code today}, or {@code null} if it can. */
  public String unavailableReason(LocalDate today) {
    if (retiredAt != null) {
      return "it has been withdrawn from the catalogue";
    }
    if (availableFrom != null && today.isBefore(availableFrom)) {
      return "it can be ordered from " + availableFrom;
    }
    if (availableUntil != null && today.isAfter(availableUntil)) {
      return "it could be ordered until " + availableUntil;
    }
    return null;
  }
}
