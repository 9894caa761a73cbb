package io.kopilka.cashback.rest;

import io.kopilka.cashback.domain.ClaimStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** "Cashback not received" claims (C5). */
public final class ClaimDtos {

  private ClaimDtos() {}

  public record NewClaim(
      @NotBlank @Size(max = 40) @Schema(example = "sibir-pelmeni") String partnerId,
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be printable ASCII without spaces")
          @Schema(description = "The order number on the partner's receipt", example = "A-1001")
          String orderId,
      @NotNull @PastOrPresent @Schema(example = "2026-09-14") LocalDate purchasedOn,
      @NotNull
          @Positive
          @Max(ConversionDtos.MAX_AMOUNT_KOPECKS)
          @Schema(description = "What was paid, in kopecks", example = "250000")
          Long amountKopecks,
      @Schema(description = "The click that took me to the partner, if I know it") UUID clickId) {}

  public record ClaimView(
      UUID claimId,
      String partnerId,
      String orderId,
      LocalDate purchasedOn,
      long amountKopecks,
      UUID clickId,
      @Schema(description = "OPEN, APPROVED or REJECTED") ClaimStatus status,
      @Schema(description = "The conversion the claim concerns or created") UUID conversionId,
      @Schema(description = "Why it was rejected") String reason,
      Instant createdAt,
      Instant decidedAt) {}

  public record ClaimList(List<ClaimView> items) {}

  public record AdminClaimView(ClaimView claim, String msisdn, String decidedBy) {}

  public record AdminClaimPage(List<AdminClaimView> items, int page, int size, long total) {}

  public record Approval(
      @Positive
          @Max(ConversionDtos.MAX_AMOUNT_KOPECKS)
          @Schema(
              description = "The amount the partner confirmed, if it differs from the claim's",
              example = "240000")
          Long amountKopecks) {}

  public record Rejection(
      @NotBlank
          @Size(max = 500)
          @Schema(example = "Партнёр не нашёл заказ: покупка сделана без перехода из приложения")
          String reason) {}
}
