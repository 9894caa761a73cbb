package io.kopilka.bonus.rest;

import io.kopilka.bonus.rest.AccountDtos.Balance;
import io.kopilka.bonus.rest.AccountDtos.HistoryPage;
import io.kopilka.bonus.service.AccountService;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's own balance and history (B1, B2); the number comes from the token only. */
@Path("/api/v1/accounts/me")
@Tag(name = "Member account")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  private final AccountService accounts;
  private final Caller caller;

  public AccountResource(AccountService accounts, Caller caller) {
    this.accounts = accounts;
    this.caller = caller;
  }

  @GET
  @Path("/balance")
  @Operation(summary = "My balance: available, held, and what expires at the year end (B1, B3)")
  @APIResponse(responseCode = "200", description = "The balance")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No open bonus account for this number")
  public Balance balance() {
    return accounts.balance(caller.memberMsisdn());
  }

  @GET
  @Path("/history")
  @Operation(summary = "My history, newest first, a page at a time (B2)")
  @APIResponse(
      responseCode = "200",
      description = "A page of entries and the cursor of the next one")
  @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No open bonus account for this number")
  public HistoryPage history(
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return accounts.history(caller.memberMsisdn(), cursor, limit);
  }
}
