package io.kopilka.bonus.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Records of the accrual rule table (A1-A4) and tenure multipliers (R8). */
public final class RuleDtos {

  private RuleDtos() {}

  public record AccrualRuleView(
      @Schema(example = "TELECOM") String kind,
      @Schema(description = "Kopecks of spend per point", example = "500") int kopecksPerPoint,
      Instant updatedAt,
      String updatedBy) {}

  public record TenureView(
      @Schema(description = "From this many full years of membership", example = "1") int minYears,
      @Schema(description = "Multiplier in percent: 110 is ×1.1", example = "110") int percent,
      Instant updatedAt,
      String updatedBy) {}

  public record Rules(List<AccrualRuleView> rates, List<TenureView> tenure) {}

  public record RateChange(
      @NotNull
          @Min(1)
          @Max(1_000_000)
          @Schema(description = "Kopecks of spend per point", example = "500")
          Integer kopecksPerPoint) {}

  public record TenureChange(
      @NotNull
          @Min(100)
          @Max(1000)
          @Schema(description = "Multiplier in percent, 100-1000", example = "110")
          Integer percent) {}

  public record RuleChangeView(
      long id,
      Instant changedAt,
      String changedBy,
      String rule,
      String oldValue,
      String newValue) {}
}
