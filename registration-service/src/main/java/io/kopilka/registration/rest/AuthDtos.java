package io.kopilka.registration.rest;

import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the SMS-code login. */
public final class AuthDtos {

  private AuthDtos() {}

  public record OtpRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn) {}

  public record OtpSent(
      @Schema(description = "Seconds the code is valid", example = "300") long expiresIn) {}

  public record TokenRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(example = "79161234567")
          String msisdn,
      @NotNull
          @Pattern(regexp = "\\d{6}", message = "must be the 6 digits from the SMS")
          @Schema(example = "123456")
          String code) {}

  public record TokenResponse(
      @Schema(description = "RS256 JWT; subject = the MSISDN, role member") String accessToken,
      @Schema(example = "Bearer") String tokenType,
      @Schema(description = "Seconds until the token expires", example = "900") long expiresIn) {}
}
