package io.kopilka.catalog.service;

import io.kopilka.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What this service tells other services through the outbox, in the caller's transaction: SMS to
 * members (registration-service sends them) and refund credits (bonus-service).
 */
@ApplicationScoped
public class Messages {

  static final String REGISTRATION = "registration";
  static final String BONUS = "bonus";

  /** registration-service's {@code POST /internal/v1/notifications/sms}. */
  public record Sms(String msisdn, String text) {}

  /** bonus-service's {@code POST /internal/v1/credits}. */
  public record Credit(
      String msisdn, long points, String reason, String reference, String description) {}

  private final Outbox outbox;

  public Messages(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void sms(String msisdn, String text) {
    outbox.enqueue(REGISTRATION, "/internal/v1/notifications/sms", new Sms(msisdn, text));
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
