package io.kopilka.registration.rest;

import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.rest.MemberDtos.Application;
import io.kopilka.registration.rest.MemberDtos.BirthDate;
import io.kopilka.registration.rest.MemberDtos.EmailConfirmationRequest;
import io.kopilka.registration.rest.MemberDtos.EmailConfirmationSent;
import io.kopilka.registration.rest.MemberDtos.MembershipView;
import io.kopilka.registration.service.EmailConfirmationService;
import io.kopilka.registration.service.MembershipService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's own membership: apply, read, leave, confirm the e-mail. The number is the token's. */
@Path("/api/v1/members")
@Tag(name = "Membership")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

  private final MembershipService memberships;
  private final EmailConfirmationService emails;
  private final Caller caller;

  public MemberResource(
      MembershipService memberships, EmailConfirmationService emails, Caller caller) {
    this.memberships = memberships;
    this.emails = emails;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary = "Apply on the web form (R2)",
      description =
          "The application is reviewed, or approved automatically after 2 hours. On activation"
              + " the member earns 100 points, and the referrer, if an active member, 50 (R6).")
  @APIResponse(responseCode = "201", description = "Applied; PENDING_REVIEW")
  @APIResponse(
      responseCode = "400",
      description = "Invalid form: no consent, younger than 14, bad e-mail, own number as referrer")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(
      responseCode = "409",
      description = "The number already has an active membership or a pending application")
  public Response apply(@NotNull @Valid Application form) {
    MembershipView view = memberships.apply(caller.memberMsisdn(), form);
    return Response.created(URI.create("/api/v1/members/me")).entity(view).build();
  }

  @GET
  @Path("/me")
  @Operation(summary = "The member's newest membership, whatever its status")
  @APIResponse(responseCode = "200", description = "The membership")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "The number never applied")
  public MembershipView me() {
    return memberships.mine(caller.memberMsisdn());
  }

  @DELETE
  @Path("/me")
  @Operation(
      summary = "Leave the programme (R9)",
      description =
          "The bonus account is closed and its points are forfeited; re-joining starts from zero."
              + " With a positive balance the first call changes nothing and answers 409 with the"
              + " points that would be lost; repeat with ?confirm=true.")
  @APIResponse(responseCode = "200", description = "Left")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No pending or active membership")
  @APIResponse(
      responseCode = "409",
      description =
          "Points would be lost: repeat with ?confirm=true (membership.leave-unconfirmed)")
  public MembershipView leave(@QueryParam("confirm") boolean confirm) {
    return memberships.leaveAsMember(caller.memberMsisdn(), confirm);
  }

  @PUT
  @Path("/me/birth-date")
  @Operation(
      summary = "Give the birth date, if joined by USSD or SMS without one (R7)",
      description =
          "The birthday bonus needs it. It is set once: the same date again changes nothing,"
              + " another date is refused.")
  @APIResponse(responseCode = "200", description = "Set")
  @APIResponse(responseCode = "400", description = "Not a plausible birth date (14 or older)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No pending or active membership")
  @APIResponse(responseCode = "409", description = "Another birth date is set")
  public MembershipView setBirthDate(@NotNull @Valid BirthDate request) {
    return memberships.setBirthDate(caller.memberMsisdn(), request.birthDate());
  }

  @POST
  @Path("/me/email-confirmation")
  @Operation(
      summary = "Send an e-mail confirmation link (R3)",
      description =
          "The link is valid 24 hours and can be used once; confirming earns 10 points once per"
              + " membership. A new address in the body replaces the membership's address.")
  @APIResponse(responseCode = "202", description = "The link is on its way")
  @APIResponse(responseCode = "400", description = "Not an e-mail address")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No pending or active membership")
  @APIResponse(responseCode = "409", description = "The address is already confirmed")
  @APIResponse(responseCode = "422", description = "No address known: send one")
  public Response requestEmailConfirmation(@Valid EmailConfirmationRequest request) {
    EmailConfirmationSent sent =
        emails.request(caller.memberMsisdn(), request == null ? null : request.email());
    return Response.accepted(sent).build();
  }
}
