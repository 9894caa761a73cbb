package io.kopilka.bonus.rest;

import io.kopilka.bonus.domain.Reason;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the internal spending API. */
public final class SpendingDtos {

  /** No single movement of points may exceed ten million. */
  public static final long MAX_POINTS = 10_000_000L;

  private SpendingDtos() {}

  public record Credit(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @Schema(
              description =
                  "Credit only this membership's account: a credit earned in a membership that has"
                      + " since ended is refused (account.closed) instead of landing on the next one."
                      + " Absent: the number's open account.",
              example = "0b5c1f5e-6a43-4f7e-9b59-1d1c8e8a3f10")
          UUID membershipId,
      @NotNull @Positive @Max(MAX_POINTS) @Schema(example = "100") Long points,
      @NotNull
          @Schema(
              description =
                  "WELCOME, EMAIL, REFERRAL, BIRTHDAY, PROMOTION, CASHBACK, GIFT, REFUND or ADJUSTMENT",
              example = "WELCOME")
          Reason reason,
      @NotBlank
          @Size(max = 200)
          @Schema(
              description = "What the credit is for, e.g. a membership or conversion id",
              example = "membership:0b5c1f5e")
          String reference,
      @Size(max = 300)
          @Schema(
              description = "Shown to the member in the history",
              example = "Бонус за регистрацию")
          String description) {}

  public record CreditResult(
      long entryId, String msisdn, long points, String reason, long balance) {}

  public record HoldRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull @Positive @Max(MAX_POINTS) @Schema(example = "210") Long points,
      @NotBlank @Size(max = 200) @Schema(example = "redemption:5f0c") String reference,
      @Positive
          @Schema(
              description = "Seconds until the hold expires and releases its points; default 900",
              example = "900")
          Long ttlSeconds) {}

  public record HoldView(
      UUID holdId,
      String msisdn,
      long points,
      String status,
      String reference,
      Instant expiresAt,
      Instant resolvedAt) {}

  public record Transfer(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String fromMsisdn,
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79031234567")
          String toMsisdn,
      @NotNull @Positive @Max(MAX_POINTS) @Schema(example = "500") Long points,
      @NotBlank @Size(max = 200) @Schema(example = "gift:7c9e") String reference) {}

  public record TransferResult(
      String fromMsisdn,
      String toMsisdn,
      long points,
      String reference,
      long fromBalance,
      long toBalance) {}

  public record BillPayment(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull
          @Positive
          @Max(MAX_POINTS)
          @Schema(
              description = "Pay at most this many points (1 point = 1 RUB, B4)",
              example = "450")
          Long maxPoints,
      @NotBlank @Size(max = 200) @Schema(example = "bill:2026-12") String reference) {}

  public record BillPaymentResult(
      String msisdn,
      @Schema(description = "Points paid, up to maxPoints") long paidPoints,
      long balance) {}
}
