package io.kopilka.bonus.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of accounts, balances and history. */
public final class AccountDtos {

  private AccountDtos() {}

  /** Opens the account of a membership that became active. */
  public record OpenAccount(
      @NotNull @Schema(example = "0b5c1f5e-6a43-4f7e-9b59-1d1c8e8a3f10") UUID membershipId,
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull
          @Schema(description = "Not after today in the programme's zone", example = "2026-03-01")
          LocalDate joinedOn,
      @Past @Schema(example = "1990-05-17") LocalDate birthDate) {}

  /** The birth date of a member who joined without one (R7). */
  public record BirthDate(@NotNull @Past @Schema(example = "1990-05-17") LocalDate birthDate) {}

  /** Why an account is closed (R9), for the record. */
  public record CloseAccount(
      @Size(max = 200) @Schema(example = "member left by SMS") String reason) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AccountView(
      long accountId,
      UUID membershipId,
      String msisdn,
      String status,
      LocalDate joinedOn,
      LocalDate birthDate,
      long balance,
      @Schema(description = "Points lost when the account was closed (R9)") Long forfeitedPoints) {}

  public record Balance(
      @Schema(example = "79161234567") String msisdn,
      @Schema(description = "Points that can be spent now", example = "1250") long available,
      @Schema(description = "Points reserved by pending orders", example = "0") long held,
      @Schema(description = "available + held", example = "1250") long balance,
      @Schema(description = "Points that expire at the end of this year (B3)", example = "1250")
          long expiringAtYearEnd,
      @Schema(description = "When they expire", example = "2026-12-31T21:00:00Z")
          Instant expiresAt) {}

  public record HistoryEntry(
      long id,
      Instant at,
      @Schema(description = "Positive for credits, negative for debits", example = "120")
          long points,
      @Schema(example = "ACCRUAL") String reason,
      @Schema(example = "billing-2026-11-0001") String reference,
      String description) {}

  public record HistoryPage(
      List<HistoryEntry> items,
      @Schema(description = "Pass as ?cursor= for the next (older) page; absent on the last page")
          String nextCursor) {}
}
