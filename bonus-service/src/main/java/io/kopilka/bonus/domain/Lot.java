package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Points of one credit, with the instant they expire (B3). */
@Entity
@Table(name = "lot")
public class Lot extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lot_seq")
  @SequenceGenerator(name = "lot_seq", sequenceName = "lot_seq", allocationSize = 50)
  public Long id;

  @Column(name = "account_id")
  public long accountId;

  @Column(name = "entry_id")
  public long entryId;

  public long points;
  public long remaining;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** Live lots, soonest-expiring first: the order in which points are spent (B3). */
  public static List<Lot> live(long accountId) {
    return list("accountId = ?1 and remaining > 0 order by expiresAt, id", accountId);
  }
}
