package io.kopilka.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the outbox table. Each method is its own short transaction. */
@ApplicationScoped
public class OutboxStore {

  /** A message claimed for delivery. */
  public record Claimed(
      UUID id, String destination, String path, String payload, int attempts, Instant leaseUntil) {}

  private final EntityManager em;

  public OutboxStore(EntityManager em) {
    this.em = em;
  }

  /**
   * Claims due messages: {@code SKIP LOCKED} lets several relays (one per replica) share the table,
   * and the lease keeps a claimed message from other relays while it is delivered outside any
   * transaction.
   */
  @Transactional
  public List<Claimed> claim(Instant now, Instant leaseEnd, int limit) {
    // PostgreSQL keeps microseconds; the lease is compared for equality later
    Instant leaseUntil = leaseEnd.truncatedTo(ChronoUnit.MICROS);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "update outbox_message set next_attempt_at = :lease where id in ("
                    + " select id from outbox_message where status = 'PENDING'"
                    + " and next_attempt_at <= :now order by next_attempt_at limit :limit"
                    + " for update skip locked)"
                    + " returning id, destination, path, payload, attempts")
            .setParameter("lease", leaseUntil)
            .setParameter("now", now)
            .setParameter("limit", limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Claimed(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).intValue(),
                    leaseUntil))
        .toList();
  }

  /**
   * Records a delivery. Like {@link #failed}, it changes the row only while this relay's lease
   * holds, so a relay whose lease ran out cannot overwrite what another relay recorded.
   */
  @Transactional
  public void delivered(Claimed message, Instant now) {
    em.createNativeQuery(
            "update outbox_message set status = 'DELIVERED', attempts = attempts + 1,"
                + " delivered_at = :now, last_error = null"
                + " where id = :id and status = 'PENDING' and next_attempt_at = :lease")
        .setParameter("id", message.id())
        .setParameter("lease", message.leaseUntil())
        .setParameter("now", now)
        .executeUpdate();
  }

  /** Records a failed attempt: retry at {@code retryAt}, or park when {@code park}. */
  @Transactional
  public void failed(Claimed message, String error, boolean park, Instant retryAt) {
    em.createNativeQuery(
            "update outbox_message set attempts = attempts + 1, last_error = :error,"
                + " status = :status, next_attempt_at = :retryAt"
                + " where id = :id and status = 'PENDING' and next_attempt_at = :lease")
        .setParameter("id", message.id())
        .setParameter("lease", message.leaseUntil())
        .setParameter("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .setParameter("status", park ? "PARKED" : "PENDING")
        .setParameter("retryAt", retryAt)
        .executeUpdate();
  }

  @Transactional
  public List<OutboxMessage> list(String status, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, destination, path, payload, status, attempts, next_attempt_at, last_error,"
                    + " created_at, delivered_at from outbox_message where status = :status"
                    + " order by created_at limit :limit")
            .setParameter("status", status)
            .setParameter("limit", limit)
            .getResultList();
    return rows.stream().map(OutboxStore::toMessage).toList();
  }

  /** Puts a parked message back in the queue with a fresh set of attempts. */
  @Transactional
  public Optional<OutboxMessage> retry(UUID id, Instant now) {
    int updated =
        em.createNativeQuery(
                "update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = :now"
                    + " where id = :id and status = 'PARKED'")
            .setParameter("id", id)
            .setParameter("now", now)
            .executeUpdate();
    if (updated == 0) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, destination, path, payload, status, attempts, next_attempt_at, last_error,"
                    + " created_at, delivered_at from outbox_message where id = :id")
            .setParameter("id", id)
            .getResultList();
    return rows.stream().findFirst().map(OutboxStore::toMessage);
  }

  private static OutboxMessage toMessage(Object[] r) {
    return new OutboxMessage(
        (UUID) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        ((Number) r[5]).intValue(),
        instant(r[6]),
        (String) r[7],
        instant(r[8]),
        instant(r[9]));
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
  }
}
