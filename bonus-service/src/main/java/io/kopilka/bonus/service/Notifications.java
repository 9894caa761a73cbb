package io.kopilka.bonus.service;

import io.kopilka.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** SMS to members, sent through registration-service by the outbox. */
@ApplicationScoped
public class Notifications {

  static final String DESTINATION = "registration";
  static final String SMS_PATH = "/internal/v1/notifications/sms";

  /** The body registration-service's SMS endpoint takes. */
  public record Sms(String msisdn, String text) {}

  private final Outbox outbox;

  public Notifications(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void sms(String msisdn, String text) {
    outbox.enqueue(DESTINATION, SMS_PATH, new Sms(msisdn, text));
  }
}
