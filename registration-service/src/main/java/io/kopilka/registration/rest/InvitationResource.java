package io.kopilka.registration.rest;

import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.rest.InvitationDtos.InvitationRequest;
import io.kopilka.registration.rest.InvitationDtos.InvitationView;
import io.kopilka.registration.service.InvitationService;
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
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member invites friends (rule R6): the friend's joining by any channel earns the inviter. */
@Path("/api/v1/members/me/invitations")
@Tag(name = "Invitations")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

  private static final URI LIST = URI.create("/api/v1/members/me/invitations");

  private final InvitationService invitations;
  private final Caller caller;

  public InvitationResource(InvitationService invitations, Caller caller) {
    this.invitations = invitations;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary = "Invite a friend by number (R6)",
      description =
          "The friend gets an SMS saying who invites them and how to join (USSD *111*455*1# or an"
              + " empty SMS to 4555). If the friend joins by any channel within 30 days without"
              + " naming another referrer on the web form, the newest invitation counts and its"
              + " inviter, if still an active member, earns 50 points, once per friend ever. A"
              + " repeat while the invitation is open answers it again (200) and sends nothing. The"
              + " answer never tells whether the friend is a member already: such a friend gets no"
              + " SMS and the invitation never counts. At most 10 invitations a day.")
  @APIResponse(
      responseCode = "201",
      description = "Invited",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InvitationView.class)))
  @APIResponse(
      responseCode = "200",
      description = "The friend's open invitation from this member, unchanged; no SMS sent",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InvitationView.class)))
  @APIResponse(responseCode = "400", description = "Not an MSISDN (request.invalid)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(
      responseCode = "422",
      description =
          "The caller is not an active member (invitation.not-a-member), or invites their own"
              + " number (invitation.self)")
  @APIResponse(
      responseCode = "429",
      description = "Today's invitations are used up (invitation.too-many)",
      headers = @Header(name = "Retry-After", description = "Seconds until 00:00 Moscow time"))
  public Response invite(@NotNull @Valid InvitationRequest request) {
    InvitationService.Invited invited = invitations.invite(caller.memberMsisdn(), request.msisdn());
    return invited.created()
        ? Response.created(LIST).entity(invited.invitation()).build()
        : Response.ok(invited.invitation()).build();
  }

  @GET
  @Operation(
      summary = "The member's invitations, newest first",
      description =
          "Each says whether the friend joined on it and whether that earned the bonus."
              + " Invitations are kept 30 days after they expire.")
  @APIResponse(responseCode = "200", description = "The invitations (empty if none)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public List<InvitationView> mine() {
    return invitations.mine(caller.memberMsisdn());
  }
}
