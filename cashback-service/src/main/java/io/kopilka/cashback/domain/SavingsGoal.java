package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A member's own goal (C7), e.g. saving for a phone; reached when the balance gets there. */
@Entity
@Table(name = "savings_goal")
public class SavingsGoal extends PanacheEntityBase {

  @Id public UUID id;

  public String msisdn;

  public String name;

  @Column(name = "target_points")
  public long targetPoints;

  @Column(name = "created_at")
  public Instant createdAt;

  /** When the member was told the goal is reached; null until then. */
  @Column(name = "reached_at")
  public Instant reachedAt;
}
