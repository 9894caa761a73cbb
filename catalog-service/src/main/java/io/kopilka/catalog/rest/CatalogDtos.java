package io.kopilka.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kopilka.catalog.domain.Category;
import io.kopilka.catalog.domain.PackageUnit;
import io.kopilka.catalog.domain.RewardKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the catalogue. */
public final class CatalogDtos {

  /** Reward codes: 2-6 digits, no leading zero (0 and 1 are the balance and join commands). */
  public static final String CODE_REGEX = "[1-9][0-9]{1,5}";

  private CatalogDtos() {}

  /** A reward as members see it (rules K1-K4). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RewardView(
      @Schema(
              description = "Order with *111*455*CODE# or an SMS with the code to 4555",
              example = "11")
          String code,
      @Schema(example = "30 минут внутри сети") String title,
      String description,
      @Schema(example = "COMMUNICATION") Category category,
      @Schema(example = "210") long points,
      @Schema(description = "OPTION, PACKAGE, CERTIFICATE or SUBSCRIPTION", example = "PACKAGE")
          RewardKind kind,
      @Schema(description = "Days the option works, the package or certificate is valid, or free")
          Integer days,
      @Schema(example = "30") Integer quantity,
      @Schema(example = "MINUTES") PackageUnit unit,
      @Schema(description = "A certificate's face value") Long valueKopecks,
      @Schema(description = "K4: a subscription's monthly price once the free days are over")
          Long paidPriceKopecks,
      @Schema(
              description = "K4: what the member agrees to by ordering, in Russian",
              example = "14 дней бесплатно, затем 98 руб. в месяц")
          String terms,
      @Schema(description = "First programme date it can be ordered (seasonal rewards)")
          LocalDate availableFrom,
      @Schema(description = "Last programme date it can be ordered (seasonal rewards)")
          LocalDate availableUntil,
      @Schema(description = "Whether it can be ordered now; false for an empty certificate pool")
          boolean orderable) {}

  public record RewardPage(List<RewardView> items, int page, int size, long total) {}

  /** A reward as an admin adds or replaces it; which fields apply depends on {@code kind}. */
  public record RewardRequest(
      @NotBlank @Size(max = 60) @Schema(example = "30 минут внутри сети") String title,
      @NotBlank @Size(max = 500) String description,
      @NotNull Category category,
      @NotNull @Positive @Max(1_000_000) @Schema(example = "210") Long points,
      @NotNull RewardKind kind,
      @Size(max = 64)
          @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be letters, digits, '.', '_' or '-'")
          @Schema(
              description = "The provisioning gateway's product; required except for certificates",
              example = "pkg-onnet-min")
          String product,
      @Positive @Max(3660) Integer days,
      @Positive @Max(1_000_000) Integer quantity,
      PackageUnit unit,
      @Positive Long valueKopecks,
      @Positive Long paidPriceKopecks,
      LocalDate availableFrom,
      LocalDate availableUntil) {}

  /** A reward as admins see it, with its certificate pool. */
  public record AdminRewardView(
      RewardView reward, Instant retiredAt, Instant createdAt, Instant updatedAt, PoolView pool) {}

  /** Counts only: certificate codes are never shown to anyone but their owner. */
  public record PoolView(long total, long available, long assigned) {}

  public record CodeUpload(
      @NotEmpty
          @Size(max = 10_000)
          @Schema(description = "Up to 10,000 codes; codes already in the pool are skipped")
          List<
                  @NotNull
                  @Pattern(
                      regexp = "[\\x21-\\x7E]{4,64}",
                      message = "must be 4-64 printable ASCII characters without spaces")
                  String>
              codes) {}

  public record UploadResult(
      @Schema(description = "Codes in the request") int received,
      @Schema(description = "Codes added to the pool") int added,
      @Schema(description = "Codes skipped: already in the pool or repeated in the request")
          int duplicates,
      PoolView pool) {}
}
