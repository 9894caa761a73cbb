package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** From {@code minYears} of membership on, rule-based accruals are multiplied (R8). */
@Entity
@Table(name = "tenure_multiplier")
public class TenureMultiplier extends PanacheEntityBase {

  @Id
  @Column(name = "min_years")
  public int minYears;

  /** 110 means ×1.1. */
  public int percent;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
