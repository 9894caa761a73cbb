package io.kopilka.registration.rest;

import io.kopilka.registration.rest.MemberDtos.EmailConfirmation;
import io.kopilka.registration.rest.MemberDtos.EmailConfirmed;
import io.kopilka.registration.service.EmailConfirmationService;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The target of an e-mail confirmation link: whoever holds the token confirms the address. */
@Path("/api/v1/email-confirmations")
@Tag(name = "Membership")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EmailConfirmationResource {

  private final EmailConfirmationService emails;

  public EmailConfirmationResource(EmailConfirmationService emails) {
    this.emails = emails;
  }

  @POST
  @Operation(summary = "Confirm an e-mail address with the token from the link (R3)")
  @APIResponse(responseCode = "200", description = "Confirmed; points credited once per membership")
  @APIResponse(responseCode = "400", description = "No token")
  @APIResponse(responseCode = "404", description = "Unknown token")
  @APIResponse(
      responseCode = "409",
      description = "Link already used, address changed since, or the membership has ended")
  @APIResponse(responseCode = "410", description = "The link has expired")
  public EmailConfirmed confirm(@NotNull @Valid EmailConfirmation request) {
    return emails.confirm(request.token());
  }
}
