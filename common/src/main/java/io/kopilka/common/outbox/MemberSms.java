package io.kopilka.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * SMS to members from any service: registration-service sends every SMS of the suite, so the
 * message goes to its {@code POST /internal/v1/notifications/sms} through the outbox, in the
 * caller's transaction (destination {@code registration}).
 */
@ApplicationScoped
public class MemberSms {

  public static final String DESTINATION = "registration";
  public static final String PATH = "/internal/v1/notifications/sms";

  /** The body registration-service's SMS endpoint takes. */
  public record Sms(String msisdn, String text) {}

  private final Outbox outbox;

  public MemberSms(Outbox outbox) {
    this.outbox = outbox;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void send(String msisdn, String text) {
    outbox.enqueue(DESTINATION, PATH, new Sms(msisdn, text));
  }
}
