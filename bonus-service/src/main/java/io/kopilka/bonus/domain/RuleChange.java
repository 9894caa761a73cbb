package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Audit trail of rule changes: who changed what, when, from what to what. */
@Entity
@Table(name = "rule_change")
public class RuleChange extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "changed_at")
  public Instant changedAt;

  @Column(name = "changed_by")
  public String changedBy;

  public String rule;

  @Column(name = "old_value")
  public String oldValue;

  @Column(name = "new_value")
  public String newValue;
}
