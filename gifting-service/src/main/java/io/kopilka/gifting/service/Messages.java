package io.kopilka.gifting.service;

import io.kopilka.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** SMS to members, sent by registration-service through the outbox in the caller's transaction. */
@ApplicationScoped
public class Messages {

  static final String REGISTRATION = "registration";

  /** registration-service's {@code POST /internal/v1/notifications/sms}. */
  public record Sms(String msisdn, String text) {}

  private final Outbox outbox;

  public Messages(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void sms(String msisdn, String text) {
    outbox.enqueue(REGISTRATION, "/internal/v1/notifications/sms", new Sms(msisdn, text));
  }
}
