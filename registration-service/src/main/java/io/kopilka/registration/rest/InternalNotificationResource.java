package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Roles;
import io.kopilka.common.text.SmsSegments;
import io.kopilka.registration.rest.ChannelDtos.SmsNotification;
import io.kopilka.registration.rest.ChannelDtos.SmsQueued;
import io.kopilka.registration.service.SmsSender;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Other Kopilka services message members through this service's SMS gateway. */
@Path("/internal/v1/notifications")
@Tag(name = "Internal: notifications")
@RolesAllowed(Roles.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalNotificationResource {

  private final SmsSender sms;
  private final Idempotency idempotency;

  public InternalNotificationResource(SmsSender sms, Idempotency idempotency) {
    this.sms = sms;
    this.idempotency = idempotency;
  }

  @POST
  @Path("/sms")
  @Operation(summary = "Send an SMS to a member (queued, delivered with retries)")
  @APIResponse(responseCode = "202", description = "Queued")
  @APIResponse(
      responseCode = "400",
      description = "Invalid request, longer than two SMS segments, or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response sms(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid SmsNotification request) {
    if (!SmsSegments.fits(request.text())) {
      throw ProblemException.invalid(
          "text", "must fit in " + SmsSegments.MAX + " SMS segments (134 Cyrillic characters)");
    }
    return idempotency.execute(
        "sms-notification",
        key,
        request,
        () ->
            new Idempotency.Outcome(
                202, new SmsQueued(sms.send(request.msisdn(), request.text()))));
  }
}
