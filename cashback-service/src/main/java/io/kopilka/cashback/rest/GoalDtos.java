package io.kopilka.cashback.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Goals (C7): the phone bill paid from points every month, and members' own savings goals. */
public final class GoalDtos {

  private GoalDtos() {}

  public record NewGoal(
      @NotBlank @Size(max = 100) @Schema(example = "Новый телефон") String name,
      @NotNull
          @Positive
          @Max(10_000_000)
          @Schema(description = "Points to save up", example = "25000")
          Long targetPoints) {}

  public record BillPaymentView(
      @Schema(example = "2026-12") String month,
      @Schema(description = "PENDING, PAID, NOTHING_DUE or NO_ACCOUNT") String status,
      Long billKopecks,
      Long paidPoints,
      Instant decidedAt) {}

  public record BillGoal(
      @Schema(example = "Оплата услуг связи") String name,
      @Schema(description = "Paid on the 1st of each month from points first") String description,
      @Schema(description = "The latest month's payment, if any") BillPaymentView lastPayment) {}

  public record SavingsGoalView(
      UUID goalId,
      String name,
      long targetPoints,
      @Schema(description = "min(balance, target)") Long progressPoints,
      boolean reached,
      Instant createdAt,
      Instant reachedAt) {}

  public record MyGoals(
      @Schema(description = "My balance now; absent when it can't be read") Long balance,
      BillGoal phoneBill,
      List<SavingsGoalView> savings) {}
}
