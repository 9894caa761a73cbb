package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One append-only ledger line; corrections are new entries, never edits. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ledger_entry_seq")
  @SequenceGenerator(
      name = "ledger_entry_seq",
      sequenceName = "ledger_entry_seq",
      allocationSize = 50)
  public Long id;

  @Column(name = "account_id")
  public long accountId;

  /** Positive for credits, negative for debits. */
  public long points;

  @Enumerated(EnumType.STRING)
  public Reason reason;

  public String reference;
  public String description;

  @Column(name = "created_at")
  public Instant createdAt;
}
