package io.kopilka.registration.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of memberships. */
public final class MemberDtos {

  private MemberDtos() {}

  /** The web form (rule R2); the number comes from the member token. */
  public record Application(
      @NotBlank @Size(max = 100) @Schema(example = "Анна Петрова") String name,
      @NotNull
          @Past
          @Schema(description = "The applicant must be at least 14", example = "1990-05-17")
          LocalDate birthDate,
      @Email @Size(max = 254) @Schema(example = "anna@example.ru") String email,
      @NotNull
          @AssertTrue(message = "must be true: joining needs the applicant's consent")
          @Schema(
              description = "The explicit \"take part\" consent; must be true",
              example = "true")
          Boolean consent,
      @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(description = "The inviting member's number (rule R6)", example = "79031234567")
          String referrerMsisdn) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MembershipView(
      UUID membershipId,
      @Schema(example = "79161234567") String msisdn,
      @Schema(description = "PENDING_REVIEW, ACTIVE, REJECTED or LEFT", example = "ACTIVE")
          String status,
      @Schema(description = "WEB, USSD or SMS", example = "WEB") String channel,
      String name,
      LocalDate birthDate,
      String email,
      boolean emailConfirmed,
      String referrerMsisdn,
      Instant appliedAt,
      Instant activatedAt,
      Instant rejectedAt,
      String rejectionReason,
      Instant leftAt,
      @Schema(description = "The membership's history; admin views only") List<EventView> events) {}

  public record EventView(
      Instant at,
      @Schema(example = "APPROVED") String type,
      @Schema(example = "support-ivanova") String actor,
      @Schema(example = "API") String channel,
      String detail) {}

  /** A reviewer's rejection of a web application. */
  public record Rejection(
      @NotBlank @Size(max = 500) @Schema(example = "Имя не совпадает с данными абонента")
          String reason) {}

  /** Where a member asked support to end the membership (rule R9). */
  public enum SupportChannel {
    SHOP,
    HOTLINE
  }

  /** Support ends a membership for a member in a shop or on the hotline (rule R9). */
  public record SupportLeave(
      @NotNull @Schema(description = "SHOP or HOTLINE", example = "SHOP") SupportChannel channel,
      @NotBlank @Size(max = 500) @Schema(example = "Паспорт 45 01 123456, салон на Тверской")
          String reason) {}

  /** The birth date of a member who joined by USSD or SMS (rule R7). */
  public record BirthDate(@NotNull @Past @Schema(example = "1990-05-17") LocalDate birthDate) {}

  /** Asks for an e-mail confirmation link, optionally to a new address (rule R3). */
  public record EmailConfirmationRequest(
      @Email
          @Size(max = 254)
          @Schema(
              description = "A new address; absent: the membership's address",
              example = "anna@example.ru")
          String email) {}

  public record EmailConfirmationSent(
      @Schema(example = "anna@example.ru") String email, Instant expiresAt) {}

  /** The token from the confirmation link. */
  public record EmailConfirmation(@NotBlank @Size(max = 100) String token) {}

  public record EmailConfirmed(
      UUID membershipId,
      String email,
      Instant confirmedAt,
      @Schema(
              description = "Points credited for this confirmation (0 if earned before)",
              example = "10")
          long points) {}

  /** A number's pending or active membership, for other services. */
  public record CurrentMembership(
      @Schema(example = "79161234567") String msisdn,
      UUID membershipId,
      @Schema(description = "PENDING_REVIEW or ACTIVE", example = "ACTIVE") String status) {}

  public record MemberPage(
      List<CurrentMembership> items,
      @Schema(description = "Pass as `after` for the next page; absent on the last page")
          String next) {}
}
