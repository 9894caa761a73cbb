package io.kopilka.cashback.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner's conversion report and what members see of their cashback (C4). */
public final class ConversionDtos {

  /** The largest purchase a report may carry: ten billion rubles. */
  public static final long MAX_AMOUNT_KOPECKS = 1_000_000_000_000L;

  private ConversionDtos() {}

  /** The status a partner reports. */
  public enum ReportStatus {
    PENDING,
    APPROVED,
    DECLINED
  }

  /** The body of {@code POST /webhooks/v1/partners/{partnerId}/conversions}. */
  public record ConversionReport(
      @NotBlank
          @Size(max = 100)
          @Schema(
              description = "The clickId we put into the partner's URL",
              example = "2f1c7e0a-3b9d-4c51-9a57-0c3c1e5b8f42")
          String clickId,
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be printable ASCII without spaces")
          @Schema(
              description = "The partner's own order id; one conversion per order",
              example = "A-1001")
          String orderId,
      @NotNull
          @Positive
          @Max(MAX_AMOUNT_KOPECKS)
          @Schema(description = "Purchase amount in kopecks", example = "250000")
          Long amountKopecks,
      @NotNull
          @Pattern(regexp = "^RUB$", message = "must be RUB: purchases are reported in rubles")
          @Schema(example = "RUB")
          String currency,
      @NotNull @Schema(description = "PENDING, APPROVED or DECLINED") ReportStatus status,
      @NotNull @Schema(description = "When the purchase was made", example = "2026-11-30T10:15:30Z")
          Instant occurredAt) {}

  /** What a delivery did to the conversion. */
  public record ConversionAck(
      UUID conversionId,
      String partnerId,
      String orderId,
      @Schema(description = "PENDING, OVERDUE, APPROVED or DECLINED") String status,
      long amountKopecks,
      @Schema(description = "Cashback points: the click's rate × amount, whole rubles")
          long cashbackPoints) {}

  public record MyConversion(
      UUID conversionId,
      String partnerId,
      String partnerName,
      String orderId,
      long amountKopecks,
      int rateBasisPoints,
      long cashbackPoints,
      @Schema(
              description =
                  "PENDING (the partner has until dueAt), OVERDUE (it did not decide in time: a"
                      + " claim may be filed), APPROVED (being credited), CREDITED or DECLINED")
          String status,
      Instant occurredAt,
      Instant dueAt,
      Instant creditedAt) {}

  public record MyConversions(
      @Schema(description = "Points awaiting the partners' confirmation") long pendingPoints,
      @Schema(description = "Points credited to the account") long creditedPoints,
      @Schema(description = "Points of purchases the partners declined") long declinedPoints,
      List<MyConversion> items,
      int page,
      int size,
      long total) {}
}
