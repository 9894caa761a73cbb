package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemException;
import io.kopilka.registration.rest.AuthDtos.OtpRequest;
import io.kopilka.registration.rest.AuthDtos.OtpSent;
import io.kopilka.registration.rest.AuthDtos.TokenRequest;
import io.kopilka.registration.rest.AuthDtos.TokenResponse;
import io.kopilka.registration.service.OtpService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SMS-code login: a code by SMS, exchanged for a member token. */
@Path("/api/v1/auth")
@Tag(name = "Login")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  private final OtpService otp;

  public AuthResource(OtpService otp) {
    this.otp = otp;
  }

  @POST
  @Path("/otp")
  @Operation(
      summary = "Send a 6-digit login code by SMS",
      description =
          "Any valid number may ask (applicants log in before they join), so the answer does not"
              + " reveal membership. A newer code voids older ones. Limits: one code a minute and 5"
              + " an hour per number, and a limit per client address; 429 says when to retry.")
  @APIResponse(responseCode = "202", description = "The code is on its way")
  @APIResponse(responseCode = "400", description = "Not an MSISDN")
  @APIResponse(responseCode = "429", description = "Too many codes; see Retry-After")
  public Response sendCode(@NotNull @Valid OtpRequest request, @Context HttpServerRequest http) {
    OtpService.Sent sent = otp.send(request.msisdn(), clientAddress(http));
    return Response.accepted(new OtpSent(sent.expiresIn())).build();
  }

  @POST
  @Path("/token")
  @Operation(
      summary = "Exchange a login code for a member token",
      description =
          "A code is valid 5 minutes and can be used once; after 5 wrong tries it is void and a new"
              + " code is needed.")
  @APIResponse(responseCode = "200", description = "A member JWT")
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid request, wrong code (auth.code-wrong) or no usable code (auth.code-expired)")
  @APIResponse(
      responseCode = "429",
      description = "Too many wrong codes from this address (auth.token-client-limit)")
  public TokenResponse token(
      @NotNull @Valid TokenRequest request, @Context HttpServerRequest http) {
    OtpService.Verdict verdict = otp.verify(request.msisdn(), request.code(), clientAddress(http));
    if (verdict instanceof OtpService.Token token) {
      return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn());
    }
    if (verdict instanceof OtpService.WrongCode wrong && wrong.triesLeft() > 0) {
      throw ProblemException.badRequest(
          "auth.code-wrong",
          "The code is wrong; " + wrong.triesLeft() + " more tries before it becomes void.");
    }
    throw ProblemException.badRequest(
        "auth.code-expired",
        "There is no valid code for this number (expired, used, void after too many tries, or"
            + " never sent); ask for a new one.");
  }

  /** The client's address; behind the ingress, the one it forwards (quarkus.http.proxy). */
  private static String clientAddress(HttpServerRequest http) {
    return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
  }
}
