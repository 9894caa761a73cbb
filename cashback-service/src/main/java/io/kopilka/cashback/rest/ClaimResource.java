package io.kopilka.cashback.rest;

import io.kopilka.cashback.rest.ClaimDtos.ClaimList;
import io.kopilka.cashback.rest.ClaimDtos.ClaimView;
import io.kopilka.cashback.rest.ClaimDtos.NewClaim;
import io.kopilka.cashback.service.ClaimService;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's "cashback not received" claims (C5). */
@Path("/api/v1/claims")
@Tag(name = "Cashback")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

  private final ClaimService claims;
  private final Caller caller;

  public ClaimResource(ClaimService claims, Caller caller) {
    this.claims = claims;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Claim cashback for a purchase the partner did not report, or did not decide in time")
  @APIResponse(responseCode = "201", description = "The open claim; support decides it")
  @APIResponse(responseCode = "400", description = "Invalid request; see violations")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No such partner")
  @APIResponse(responseCode = "409", description = "A claim for this order is already open")
  @APIResponse(
      responseCode = "422",
      description =
          "Not claimable: still within the partner's window, already approved, declined by the"
              + " partner, another member's order, not my click, or not a member")
  @APIResponse(responseCode = "503", description = "The membership can't be checked now")
  public Response file(@NotNull @Valid NewClaim claim) {
    ClaimView filed = claims.file(caller.memberMsisdn(), claim);
    return Response.status(201).entity(filed).build();
  }

  @GET
  @Path("/me")
  @Operation(summary = "My claims and their status, newest first")
  @APIResponse(responseCode = "200", description = "My claims")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public ClaimList mine() {
    return new ClaimList(claims.mine(caller.memberMsisdn()));
  }
}
