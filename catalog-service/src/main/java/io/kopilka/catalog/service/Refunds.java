package io.kopilka.catalog.service;

import io.kopilka.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Refund credits to bonus-service, through the outbox in the caller's transaction. */
@ApplicationScoped
public class Refunds {

  static final String BONUS = "bonus";

  /** bonus-service's {@code POST /internal/v1/credits}. */
  public record Credit(
      String msisdn, long points, String reason, String reference, String description) {}

  private final Outbox outbox;

  public Refunds(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Gives points back (reason REFUND); the outbox row id is bonus-service's idempotency key. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void refund(String msisdn, long points, String reference, String description) {
    outbox.enqueue(
        BONUS,
        "/internal/v1/credits",
        new Credit(msisdn, points, "REFUND", reference, description));
  }
}
