package io.kopilka.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of orders. */
public final class RedemptionDtos {

  private RedemptionDtos() {}

  /** A member's order (rule K3); the number comes from the member token. */
  public record Order(
      @NotNull
          @Pattern(regexp = CatalogDtos.CODE_REGEX, message = "must be a reward code (2-6 digits)")
          @Schema(example = "11")
          String rewardCode) {}

  /** An order placed through USSD or SMS, sent by registration-service. */
  public record ChannelOrder(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull
          @Pattern(regexp = CatalogDtos.CODE_REGEX, message = "must be a reward code (2-6 digits)")
          @Schema(example = "11")
          String rewardCode,
      @NotNull
          @Pattern(regexp = "USSD|SMS", message = "must be USSD or SMS")
          @Schema(example = "USSD")
          String channel) {}

  /** An order as its member sees it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RedemptionView(
      UUID redemptionId,
      @Schema(example = "11") String rewardCode,
      @Schema(example = "30 минут внутри сети") String rewardName,
      @Schema(description = "Points the order costs", example = "210") long points,
      @Schema(
              description =
                  "PROCESSING (not finished yet), COMPLETED, FAILED (nothing was charged) or"
                      + " REFUNDED",
              example = "COMPLETED")
          String status,
      @Schema(description = "API, USSD or SMS") String channel,
      Instant orderedAt,
      Instant completedAt,
      @Schema(description = "Certificates only, and only to their owner") Certificate certificate,
      @Schema(description = "K4: the paid subscription the reward turns into")
          Subscription subscription,
      @Schema(description = "Why a FAILED order failed") FailureView failure,
      Instant refundedAt) {}

  public record Certificate(
      @Schema(example = "KOSM-7F3K-22QX") String code,
      @Schema(description = "Last programme date the code can be used") LocalDate validUntil) {}

  public record Subscription(
      @Schema(example = "9800") long paidPriceKopecks,
      @Schema(description = "Programme date the monthly payment starts") LocalDate paidFrom,
      @Schema(example = "14 дней бесплатно, затем 98 руб. в месяц") String terms) {}

  public record FailureView(
      @Schema(example = "redemption.fulfilment-refused") String code, String detail) {}

  public record RedemptionPage(List<RedemptionView> items, int page, int size) {}

  /** An order as support sees it: with its saga step, without any certificate code. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AdminRedemptionView(
      UUID redemptionId,
      String msisdn,
      String rewardCode,
      String rewardName,
      long points,
      @Schema(
              description =
                  "PENDING, HELD, FULFILLED, COMPENSATING, COMPLETED, FAILED, UNPAID or REFUNDED")
          String step,
      String channel,
      UUID holdId,
      String activationId,
      FailureView failure,
      Instant orderedAt,
      Instant updatedAt,
      Instant completedAt,
      Instant refundedAt,
      String refundedBy,
      String refundReason) {}

  public record AdminRedemptionPage(List<AdminRedemptionView> items, int page, int size) {}

  public record Refund(
      @NotBlank @Size(max = 500) @Schema(example = "Опция не подключилась, жалоба на горячей линии")
          String reason) {}
}
