package io.kopilka.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * Writes a message for another service in the caller's transaction; {@link OutboxRelay} delivers it
 * afterwards with retries, using the message id as the idempotency key.
 */
@ApplicationScoped
public class Outbox {

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;

  public Outbox(EntityManager em, ObjectMapper json, Clock clock) {
    this.em = em;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Enqueues {@code POST <destination><path>} with {@code payload} as JSON.
   *
   * @return the message id, which the receiver sees as its {@code Idempotency-Key}
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID enqueue(String destination, String path, Object payload) {
    return enqueue(UUID.randomUUID(), destination, path, payload);
  }

  /**
   * Enqueues a message under an id of the caller's choosing, e.g. the id of the thing it acts on:
   * the receiver sees that id as its {@code Idempotency-Key}, and a second message with the same id
   * fails the caller's transaction (primary key) instead of acting twice.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID enqueue(UUID id, String destination, String path, Object payload) {
    em.createNativeQuery(
            "insert into outbox_message"
                + " (id, destination, path, payload, status, attempts, next_attempt_at, created_at)"
                + " values (:id, :destination, :path, :payload, 'PENDING', 0, :now, :now)")
        // only this table: no flush of the caller's entities before the insert
        .unwrap(NativeQuery.class)
        .addSynchronizedQuerySpace("outbox_message")
        .setParameter("id", id)
        .setParameter("destination", destination)
        .setParameter("path", path)
        .setParameter("payload", write(payload))
        .setParameter("now", clock.instant())
        .executeUpdate();
    return id;
  }

  private String write(Object payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Outbox payload is not serialisable", e);
    }
  }
}
