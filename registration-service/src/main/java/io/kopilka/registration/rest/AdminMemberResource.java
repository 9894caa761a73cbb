package io.kopilka.registration.rest;

import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.rest.MemberDtos.MembershipView;
import io.kopilka.registration.rest.MemberDtos.Rejection;
import io.kopilka.registration.rest.MemberDtos.SupportLeave;
import io.kopilka.registration.service.MembershipService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Support's work on memberships: search, review of web applications, leaving on behalf (R9). */
@Path("/api/v1/admin/registration/members")
@Tag(name = "Admin: memberships")
@RolesAllowed({Roles.SUPPORT, Roles.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminMemberResource {

  private final MembershipService memberships;
  private final Caller caller;

  public AdminMemberResource(MembershipService memberships, Caller caller) {
    this.memberships = memberships;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Every membership of a number with its history, newest first")
  @APIResponse(responseCode = "200", description = "The memberships (empty if none)")
  @APIResponse(responseCode = "400", description = "No or invalid msisdn")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  public List<MembershipView> search(
      @QueryParam("msisdn") @NotNull @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          String msisdn) {
    return memberships.search(msisdn);
  }

  @GET
  @Path("/pending")
  @Operation(summary = "Web applications waiting for review, oldest first")
  @APIResponse(responseCode = "200", description = "The review queue")
  @APIResponse(responseCode = "400", description = "limit out of 1..500")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  public List<MembershipView> pending(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return memberships.pendingApplications(limit);
  }

  @GET
  @Path("/{membershipId}")
  @Operation(summary = "One membership with its history")
  @APIResponse(responseCode = "200", description = "The membership")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such membership")
  public MembershipView details(@PathParam("membershipId") UUID membershipId) {
    return memberships.details(membershipId);
  }

  @POST
  @Path("/{membershipId}/approval")
  @Operation(summary = "Approve a pending web application: it becomes active (R2)")
  @APIResponse(responseCode = "200", description = "Approved")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such membership")
  @APIResponse(responseCode = "409", description = "Not pending (already decided)")
  public MembershipView approve(@PathParam("membershipId") UUID membershipId) {
    return memberships.approve(membershipId, caller.name());
  }

  @POST
  @Path("/{membershipId}/rejection")
  @Operation(summary = "Reject a pending web application, saying why")
  @APIResponse(responseCode = "200", description = "Rejected")
  @APIResponse(responseCode = "400", description = "No reason")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such membership")
  @APIResponse(responseCode = "409", description = "Not pending (already decided)")
  public MembershipView reject(
      @PathParam("membershipId") UUID membershipId, @NotNull @Valid Rejection rejection) {
    return memberships.reject(membershipId, caller.name(), rejection.reason());
  }

  @POST
  @Path("/{membershipId}/leave")
  @Operation(
      summary = "End a membership for a member in a shop or on the hotline (R9)",
      description =
          "Records who, where and why. The bonus account is closed and its points forfeited.")
  @APIResponse(responseCode = "200", description = "Left")
  @APIResponse(responseCode = "400", description = "No channel or reason")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such membership")
  @APIResponse(responseCode = "409", description = "The membership has already ended")
  public MembershipView leave(
      @PathParam("membershipId") UUID membershipId, @NotNull @Valid SupportLeave request) {
    return memberships.leave(
        membershipId, caller.name(), request.channel().name(), request.reason().strip());
  }
}
