package io.kopilka.common.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox row as operators see it. */
public record OutboxMessage(
    UUID id,
    String destination,
    String path,
    String payload,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {

  /** The same message without its body. */
  public OutboxMessage withoutPayload() {
    return new OutboxMessage(
        id,
        destination,
        path,
        null,
        status,
        attempts,
        nextAttemptAt,
        lastError,
        createdAt,
        deliveredAt);
  }
}
