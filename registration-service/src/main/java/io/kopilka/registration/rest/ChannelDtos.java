package io.kopilka.registration.rest;

import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the USSD and SMS channels and of outgoing SMS. */
public final class ChannelDtos {

  private ChannelDtos() {}

  public record UssdRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull
          @Size(max = 182)
          @Schema(description = "The USSD string dialled", example = "*111*455*0#")
          String request) {}

  public record SmsRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(description = "The sender's number", example = "79161234567")
          String from,
      @NotBlank @Schema(description = "The short number the SMS was sent to", example = "4555")
          String to,
      @Size(max = 1000)
          @Schema(description = "The SMS text; empty or absent joins", example = "Бонус")
          String text) {}

  public record Reply(
      @Schema(
              description = "The Russian reply, at most two SMS segments",
              example = "Ваш баланс: 1250 баллов.")
          String reply) {}

  /** An SMS to a member from another Kopilka service. */
  public record SmsNotification(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotBlank
          @Size(max = 306)
          @Schema(
              description = "At most two SMS segments (134 Cyrillic characters)",
              example = "С днём рождения! Вам начислено 100 бонусных баллов.")
          String text) {}

  public record SmsQueued(
      @Schema(description = "The message id; the SMS provider's idempotency key") UUID messageId) {}
}
