package io.kopilka.cashback.rest;

import io.kopilka.cashback.domain.Category;
import io.kopilka.cashback.domain.ClickSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Offers to members and the clicks that take them to a partner (C1-C3). */
public final class OfferDtos {

  private OfferDtos() {}

  /** Which offers to list (C2). */
  public enum Filter {
    /** Partners added in the last 30 days, newest first. */
    NEW,
    /** Partners with the most clicks in the last 30 days first. */
    POPULAR,
    /** Partners with a temporarily increased rate now, highest rate first. */
    INCREASED
  }

  public record OfferView(
      String partnerId,
      String name,
      Category category,
      @Schema(description = "The rate in force now, in basis points", example = "750")
          int rateBasisPoints,
      @Schema(example = "7.5%") String rate,
      @Schema(description = "Set when the rate is increased for a while (C2)")
          Integer baseRateBasisPoints,
      @Schema(description = "When the increased rate ends") Instant increasedUntil,
      @Schema(description = "Days the partner has to confirm a purchase") int confirmationDays) {}

  public record OfferPage(List<OfferView> items, int page, int size, long total) {}

  public record NewClick(
      @NotBlank @Size(max = 40) @Schema(example = "sibir-pelmeni") String partnerId,
      @NotNull @Schema(description = "APP or WEB (C3)") ClickSource source) {}

  public record ClickView(
      @Schema(description = "Carried to the partner and back in its report") UUID clickId,
      @Schema(example = "https://sibir.example/?click=2f1c...") String redirectUrl,
      @Schema(description = "The rate this click earns", example = "500") int rateBasisPoints,
      Instant createdAt) {}
}
