package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How many kopecks of a kind of spend make one point (A1-A4). */
@Entity
@Table(name = "accrual_rule")
public class AccrualRule extends PanacheEntityBase {

  @Id
  @Enumerated(EnumType.STRING)
  public SpendKind kind;

  @Column(name = "kopecks_per_point")
  public int kopecksPerPoint;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
