package io.kopilka.gifting.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of gifts. */
public final class GiftDtos {

  private GiftDtos() {}

  /** A gift; the sender comes from the member token. */
  public record NewGift(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79031234567")
          String recipientMsisdn,
      @NotNull @Positive @Schema(description = "At most 3,000 (G2)", example = "500")
          Long points) {}

  public record Confirmation(
      @NotNull
          @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits sent by SMS")
          @Schema(example = "123456")
          String code) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GiftView(
      UUID giftId,
      @Schema(
              description =
                  "AWAITING_CONFIRMATION, CONFIRMED (points moving), COMPLETED, FAILED, EXPIRED or"
                      + " VOIDED",
              example = "COMPLETED")
          String status,
      @Schema(description = "SENT or RECEIVED, in lists") String direction,
      @Schema(example = "79161234567") String senderMsisdn,
      @Schema(example = "79031234567") String recipientMsisdn,
      @Schema(example = "500") long points,
      Instant createdAt,
      @Schema(description = "Until when the code can confirm the gift") Instant codeExpiresAt,
      Instant confirmedAt,
      Instant completedAt,
      @Schema(description = "Why a FAILED gift failed") FailureView failure) {}

  public record FailureView(String code, String detail) {}

  public record GiftList(List<GiftView> items) {}

  /** Rules G2-G4: what the member may still gift. */
  public record LimitsView(
      @Schema(example = "3000") long maxPointsPerGift,
      @Schema(description = "Points that may still be gifted today", example = "2500")
          long pointsLeftToday,
      @Schema(description = "Today's recipient; only they may get more gifts today")
          String recipientToday,
      @Schema(description = "1 before the first gift of the day, then 0") int recipientsLeftToday,
      @Schema(example = "9") long giftsLeftThisMonth,
      @Schema(description = "When the daily limits reset (midnight, programme zone)")
          ZonedDateTime dayResetsAt,
      @Schema(description = "When the monthly count resets") ZonedDateTime monthResetsAt) {}
}
