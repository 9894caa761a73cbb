package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.rest.MemberDtos.CurrentMembership;
import io.kopilka.registration.rest.MemberDtos.MemberPage;
import io.kopilka.registration.service.MembershipService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Other Kopilka services ask whether a number is a member (gift recipients G5, clicks C3) and walk
 * the active members (the monthly bill payment, C7).
 */
@Path("/internal/v1/members")
@Tag(name = "Internal: members")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalMemberResource {

  private final MembershipService memberships;

  public InternalMemberResource(MembershipService memberships) {
    this.memberships = memberships;
  }

  @GET
  @Operation(
      summary =
          "Active members in number order, a page at a time (cashback's monthly bill payment, C7)")
  @APIResponse(responseCode = "200", description = "A page; `next` is absent on the last one")
  @APIResponse(responseCode = "400", description = "Bad `after` or `limit`")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  public MemberPage active(
      @QueryParam("after") @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE) String after,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
    return memberships.active(after, limit);
  }

  @GET
  @Path("/{msisdn}")
  @Operation(summary = "The number's pending or active membership")
  @APIResponse(responseCode = "200", description = "The membership")
  @APIResponse(responseCode = "400", description = "Not an MSISDN")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "The number has no pending or active membership")
  public CurrentMembership current(
      @PathParam("msisdn") @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          String msisdn) {
    return memberships
        .current(msisdn)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "membership.not-found",
                    "Number " + msisdn + " has no pending or active membership."));
  }
}
