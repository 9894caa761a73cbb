package io.kopilka.common.outbox;

import io.kopilka.common.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

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
   * Claims due messages, oldest due first (then oldest created, so messages released behind a
   * failed one keep their order): {@code SKIP LOCKED} lets several relays (one per replica) share
   * the table, and the lease keeps a claimed message from other relays while it is delivered
   * outside any transaction.
   */
  @Transactional
  public List<Claimed> claim(Instant now, Instant leaseEnd, int limit) {
    // PostgreSQL keeps microseconds; the lease is compared for equality later
    Instant leaseUntil = leaseEnd.truncatedTo(ChronoUnit.MICROS);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "with due as (select id, next_attempt_at from outbox_message"
                    + " where status = 'PENDING' and next_attempt_at <= :now"
                    + " order by next_attempt_at, created_at limit :limit for update skip locked),"
                    + " claimed as (update outbox_message m set next_attempt_at = :lease from due"
                    + " where m.id = due.id returning m.id, m.destination, m.path, m.payload,"
                    + " m.attempts, due.next_attempt_at as due_at, m.created_at)"
                    + " select id, destination, path, payload, attempts from claimed"
                    + " order by due_at, created_at")
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
   * Records the deliveries of one claim (its messages share the lease) in one statement. Like
   * {@link #failed}, it changes a row only while this relay's lease holds, so a relay whose lease
   * ran out cannot overwrite what another relay recorded.
   */
  @Transactional
  public void delivered(List<Claimed> messages, Instant now) {
    if (messages.isEmpty()) {
      return;
    }
    update(
        "update outbox_message set status = 'DELIVERED', attempts = attempts + 1,"
            + " delivered_at = ?, last_error = null"
            + " where id = any(?) and status = 'PENDING' and next_attempt_at = ?",
        now,
        messages);
  }

  /**
   * Records a failed attempt: retry at {@code retryAt}, or park when {@code park}. The {@code
   * released} messages (later ones of the batch to the same destination, not attempted) wait until
   * {@code retryAt} too, without counting an attempt, so they stay behind the failed one.
   */
  @Transactional
  public void failed(
      Claimed message, String error, boolean park, Instant retryAt, List<Claimed> released) {
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
    if (!released.isEmpty()) {
      update(
          "update outbox_message set next_attempt_at = ?"
              + " where id = any(?) and status = 'PENDING' and next_attempt_at = ?",
          retryAt,
          released);
    }
  }

  /** Runs {@code sql} with {@code value}, the messages' ids as an array and their lease. */
  private void update(String sql, Instant value, List<Claimed> messages) {
    em.unwrap(Session.class)
        .doWork(
            c -> {
              try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setObject(1, value.atOffset(ZoneOffset.UTC));
                update.setArray(
                    2, c.createArrayOf("uuid", messages.stream().map(Claimed::id).toArray()));
                update.setObject(3, messages.get(0).leaseUntil().atOffset(ZoneOffset.UTC));
                update.executeUpdate();
              }
            });
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
        SqlValues.instant(r[6]),
        (String) r[7],
        SqlValues.instant(r[8]),
        SqlValues.instant(r[9]));
  }
}
