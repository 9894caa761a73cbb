package io.kopilka.registration.service;

import io.kopilka.common.security.Msisdn;
import io.kopilka.registration.config.RegistrationConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends e-mail through the configured SMTP server ({@code quarkus.mailer.*}); with {@code
 * quarkus.mailer.mock=true} (local runs and tests) messages are logged and kept instead.
 */
@ApplicationScoped
public class EmailSender {

  private final Mailer mailer;
  private final RegistrationConfig config;

  public EmailSender(Mailer mailer, RegistrationConfig config) {
    this.mailer = mailer;
    this.config = config;
  }

  /** The confirmation link for {@code token} (rule R3). */
  public void sendConfirmation(String email, String msisdn, String token) {
    String link = config.email().link().replace("{token}", token);
    mailer.send(
        Mail.withText(
                email,
                "Копилка: подтвердите e-mail",
                "Здравствуйте!\n\nЧтобы подтвердить адрес для участия номера "
                    + Msisdn.mask(msisdn)
                    + " в программе Копилка и получить "
                    + Texts.points(config.emailPoints())
                    + ", откройте ссылку:\n"
                    + link
                    + "\n\nСсылка действует "
                    + config.email().validity().toHours()
                    + " ч. Если вы не указывали этот адрес, просто удалите письмо.")
            .setFrom(config.email().from()));
  }
}
