package io.kopilka.registration.service;

import io.kopilka.common.outbox.Outbox;
import io.kopilka.registration.config.RegistrationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Every outgoing SMS: written to the outbox in the caller's transaction and delivered by the relay
 * to the SMS provider ({@code kopilka.outbox.destinations.sms-gateway.url}) with retries; the
 * outbox row id is the provider's idempotency key.
 */
@ApplicationScoped
public class SmsSender {

  public static final String DESTINATION = "sms-gateway";
  public static final String PATH = "/messages";

  /** What the SMS provider receives: {@code POST <url>/messages}. */
  public record Message(String to, String from, String text) {}

  private final Outbox outbox;
  private final RegistrationConfig config;

  public SmsSender(Outbox outbox, RegistrationConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  /** Queues {@code text} to {@code msisdn}; returns the message id. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID send(String msisdn, String text) {
    return outbox.enqueue(DESTINATION, PATH, new Message(msisdn, config.shortNumber(), text));
  }
}
