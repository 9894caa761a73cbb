package io.kopilka.bonus.rest;

import io.kopilka.bonus.rest.AccountDtos.AccountView;
import io.kopilka.bonus.rest.AccountDtos.Balance;
import io.kopilka.bonus.rest.AccountDtos.BirthDate;
import io.kopilka.bonus.rest.AccountDtos.CloseAccount;
import io.kopilka.bonus.rest.AccountDtos.OpenAccount;
import io.kopilka.bonus.service.AccountService;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts opened and closed by registration-service; balances for the channels. */
@Path("/internal/v1/accounts")
@Tag(name = "Internal: accounts")
@RolesAllowed(Roles.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalAccountResource {

  private final AccountService accounts;

  public InternalAccountResource(AccountService accounts) {
    this.accounts = accounts;
  }

  @POST
  @Operation(
      summary = "Open the account of an active membership",
      description = "Idempotent by membershipId: opening it again returns the account with 200.")
  @APIResponse(responseCode = "201", description = "Opened")
  @APIResponse(responseCode = "200", description = "Already open")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(
      responseCode = "409",
      description = "The number has another open account, or the membership's account is closed")
  public Response open(@NotNull @Valid OpenAccount request) {
    AccountService.Opened opened = accounts.open(request);
    return opened.created()
        ? Response.created(URI.create("/internal/v1/accounts/" + request.membershipId()))
            .entity(opened.account())
            .build()
        : Response.ok(opened.account()).build();
  }

  @POST
  @Path("/{membershipId}/closure")
  @Operation(
      summary = "Close the account of a membership that ended (R9)",
      description =
          "Voids open holds and forfeits the balance as a FORFEIT entry. Closing again returns the closed account.")
  @APIResponse(responseCode = "200", description = "Closed")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No account for this membership")
  public AccountView close(
      @PathParam("membershipId") UUID membershipId, @Valid CloseAccount request) {
    return accounts.close(membershipId, request == null ? null : request.reason());
  }

  @POST
  @Path("/{membershipId}/birth-date")
  @Operation(
      summary = "Set the birth date of a member who joined without one (R7)",
      description = "Set once: the same date again returns the account, another date is 409.")
  @APIResponse(responseCode = "200", description = "Set")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No account for this membership")
  @APIResponse(responseCode = "409", description = "Another birth date is set")
  public AccountView setBirthDate(
      @PathParam("membershipId") UUID membershipId, @NotNull @Valid BirthDate request) {
    return accounts.setBirthDate(membershipId, request.birthDate());
  }

  @GET
  @Path("/{msisdn}/balance")
  @Operation(summary = "The balance of a number's open account (for USSD and SMS, B1)")
  @APIResponse(responseCode = "200", description = "The balance")
  @APIResponse(responseCode = "400", description = "Not an MSISDN")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No open account for this number")
  public Balance balance(
      @PathParam("msisdn") @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          String msisdn) {
    return accounts.balance(msisdn);
  }
}
