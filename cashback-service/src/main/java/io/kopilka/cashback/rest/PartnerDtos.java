package io.kopilka.cashback.rest;

import io.kopilka.cashback.domain.Category;
import io.kopilka.cashback.domain.PartnerStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the partner administration API. */
public final class PartnerDtos {

  private PartnerDtos() {}

  public record PartnerRequest(
      @NotBlank @Size(max = 100) @Schema(example = "Пельменная «Сибирь»") String name,
      @NotNull
          @Schema(
              description =
                  "RESTAURANT_BOOKING (max 5%), RETAIL (15%), TRAVEL (15%), GIFTS (25%),"
                      + " ONLINE_SHOPS (25%), LEISURE (75%), OPERATOR_SERVICES (80%)")
          Category category,
      @NotNull
          @Min(1)
          @Max(10_000)
          @Schema(description = "Cashback rate in basis points: 750 = 7.5%", example = "500")
          Integer rateBasisPoints,
      @NotNull
          @Min(1)
          @Max(75)
          @Schema(
              description = "Days the partner has to confirm or decline a purchase (C4)",
              example = "45")
          Integer confirmationDays,
      @Min(1)
          @Max(90)
          @Schema(
              description = "Days after a click in which a purchase is the click's; default 30",
              example = "30")
          Integer attributionDays,
      @NotBlank
          @Size(max = 500)
          @Pattern(
              regexp = "^https?://[^\\s{}]+(\\{clickId\\}[^\\s{}]*)+$",
              message = "must be an http(s) URL containing the placeholder {clickId}")
          @Schema(example = "https://sibir.example/?utm_source=kopilka&click={clickId}")
          String redirectUrlTemplate,
      @Schema(description = "ACTIVE (default) or PAUSED: a paused partner takes no clicks")
          PartnerStatus status) {}

  public record SecretInfo(UUID id, Instant createdAt, Instant expiresAt) {}

  public record PartnerView(
      String id,
      String name,
      Category category,
      int rateBasisPoints,
      @Schema(description = "The rate in force now, raised by a current boost")
          int currentRateBasisPoints,
      int maxRateBasisPoints,
      int confirmationDays,
      int attributionDays,
      String redirectUrlTemplate,
      PartnerStatus status,
      @Schema(description = "Valid signing secrets; their values are shown only when created")
          List<SecretInfo> secrets,
      Instant createdAt,
      Instant updatedAt) {}

  public record PartnerCreated(
      PartnerView partner,
      @Schema(
              description =
                  "The webhook signing secret: shown only now, keep it in the partner's vault",
              example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
          String secret) {}

  public record PartnerPage(List<PartnerView> items, int page, int size, long total) {}

  public record SecretRotation(
      @Min(0)
          @Max(720)
          @Schema(
              description =
                  "Hours the current secrets stay valid next to the new one; default 24, 0 ends"
                      + " them now",
              example = "24")
          Integer overlapHours) {}

  public record SecretRotated(
      UUID id,
      @Schema(description = "The new secret: shown only now") String secret,
      @Schema(description = "Until when the secrets it replaces are still accepted")
          Instant previousValidUntil) {}

  public record BoostRequest(
      @NotNull
          @Min(1)
          @Max(10_000)
          @Schema(description = "The increased rate in basis points", example = "1000")
          Integer rateBasisPoints,
      @NotNull @Schema(example = "2026-12-01T00:00:00Z") Instant startsAt,
      @NotNull @Schema(example = "2026-12-08T00:00:00Z") Instant endsAt) {}

  public record BoostView(
      UUID id, String partnerId, int rateBasisPoints, Instant startsAt, Instant endsAt) {}

  public record BoostList(List<BoostView> items) {}

  public record AttributionFailureView(
      String webhookId, String clickId, String orderId, String rule, Instant receivedAt) {}

  public record AttributionReport(
      String partnerId,
      @Schema(description = "Failed reports by rule") Map<String, Long> counts,
      @Schema(description = "The latest 100") List<AttributionFailureView> latest) {}
}
