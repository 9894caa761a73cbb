package io.kopilka.bonus.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The points of an account that expire at one instant, the end of the year they were credited in
 * (B3): every credit of that year adds to its lot, and spending takes from it.
 */
@Entity
@Table(name = "lot")
@IdClass(Lot.Key.class)
public class Lot extends PanacheEntityBase {

  /** A lot's identity: its account and the instant its points expire. */
  public static class Key implements Serializable {
    public long accountId;
    public Instant expiresAt;

    public Key() {}

    public Key(long accountId, Instant expiresAt) {
      this.accountId = accountId;
      this.expiresAt = expiresAt;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.accountId == accountId && k.expiresAt.equals(expiresAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(accountId, expiresAt);
    }
  }

  @Id
  @Column(name = "account_id")
  public long accountId;

  @Id
  @Column(name = "expires_at")
  public Instant expiresAt;

  /** Points credited to the lot. */
  public long points;

  /** Points not yet spent or expired. */
  public long remaining;

  /** Live lots, soonest-expiring first: the order in which points are spent (B3). */
  public static List<Lot> live(long accountId) {
    return list("accountId = ?1 and remaining > 0 order by expiresAt", accountId);
  }
}
