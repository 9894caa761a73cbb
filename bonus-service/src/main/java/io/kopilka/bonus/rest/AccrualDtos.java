package io.kopilka.bonus.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.common.error.Problem;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of accruals (A1-A9). */
public final class AccrualDtos {

  /** The largest spend one event may carry: 100 million roubles. */
  public static final long MAX_AMOUNT_KOPECKS = 10_000_000_000L;

  private AccrualDtos() {}

  /** One spend event from billing, a shop, the taxi app or the card processor. */
  public record SpendEvent(
      @NotBlank
          @Size(max = 100)
          @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces")
          @Schema(
              description = "The sender's unique event id (A9)",
              example = "billing-2026-11-000001")
          String eventId,
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull @Schema(example = "TELECOM") SpendKind kind,
      @NotNull
          @Positive
          @Max(MAX_AMOUNT_KOPECKS)
          @Schema(description = "Amount spent in kopecks", example = "59900")
          Long amountKopecks,
      @NotNull @Schema(example = "2026-11-29T10:15:30Z") Instant occurredAt) {

    /** PostgreSQL keeps microseconds: finer digits are dropped, so a redelivery compares equal. */
    public SpendEvent {
      occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
    }
  }

  /**
   * Up to 1,000 events. Each is read and validated on its own, so one bad event is reported as
   * REJECTED and does not fail the others.
   */
  public record Batch(
      @NotNull
          @NotEmpty
          @Size(max = 1000)
          @Schema(type = SchemaType.ARRAY, implementation = SpendEvent.class)
          List<JsonNode> events) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Result(
      @Schema(example = "billing-2026-11-000001") String eventId,
      @Schema(
              description = "ACCRUED, NOT_MEMBER, or REJECTED (batch only: the event is invalid)",
              example = "ACCRUED")
          String status,
      @Schema(
              description =
                  "Points credited for this event (after netting, A8; card bonus excluded)",
              example = "119")
          long points,
      @Schema(description = "Points withheld to settle an earlier refund (A8)", example = "0")
          long nettedPoints,
      @Schema(description = "The one-time card bonus credited by this event (A5)", example = "0")
          long bonusPoints,
      @Schema(description = "Why no points were credited, when none were") String reason,
      @Schema(description = "For REJECTED: the problems of the event")
          List<Problem.Violation> violations) {}

  public record BatchResult(
      @Schema(example = "1000") int accepted,
      @Schema(example = "0") int rejected,
      List<Result> results) {}

  public record Refund(
      @NotNull
          @Positive
          @Max(MAX_AMOUNT_KOPECKS)
          @Schema(description = "Refunded part of the spend, in kopecks", example = "20000")
          Long amountKopecks) {}

  public record RefundResult(
      String eventId,
      @Schema(description = "Kopecks refunded so far, this refund included") long refundedKopecks,
      @Schema(description = "Points this refund takes back") long reversedPoints,
      @Schema(description = "Of those, taken from the balance now") long debitedPoints,
      @Schema(description = "Of those, to be netted against later accruals (A8)")
          long deferredPoints) {}
}
