package io.kopilka.registration.rest;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.domain.Channel;
import io.kopilka.registration.rest.ChannelDtos.Reply;
import io.kopilka.registration.rest.ChannelDtos.SmsRequest;
import io.kopilka.registration.rest.ChannelDtos.UssdRequest;
import io.kopilka.registration.service.ChannelCommand;
import io.kopilka.registration.service.ChannelService;
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

/**
 * The USSD and SMS gateway's entry (section H). Each request carries the gateway's message id as
 * {@code Idempotency-Key}: a redelivered SMS {@code 0} must not turn into a confirmed leave.
 */
@Path("/api/v1/channels")
@Tag(name = "Channels")
@RolesAllowed(Roles.CHANNEL_GATEWAY)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

  private final ChannelService channels;
  private final Idempotency idempotency;
  private final Caller caller;
  private final RegistrationConfig config;

  public ChannelResource(
      ChannelService channels, Idempotency idempotency, Caller caller, RegistrationConfig config) {
    this.channels = channels;
    this.idempotency = idempotency;
    this.caller = caller;
    this.config = config;
  }

  @POST
  @Path("/ussd")
  @Operation(
      summary = "A USSD request: *111*455*1# joins, *111*455*0# balance, *111*455*CODE# orders",
      description =
          "Returns the reply to show. Joining and balance replies are also sent by SMS (R4, B1)."
              + " Anything else gets the list of commands.")
  @APIResponse(responseCode = "200", description = "The reply")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a channel-gateway token")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response ussd(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid UssdRequest request) {
    return idempotency.execute(
        "ussd",
        key,
        request,
        () ->
            reply(
                channels.handle(
                    request.msisdn(),
                    Channel.USSD,
                    ChannelCommand.ussd(request.request()),
                    scoped(key))));
  }

  @POST
  @Path("/sms")
  @Operation(
      summary = "An SMS to 4555: empty joins, Бонус balance, 0 leaves, CODE orders",
      description =
          "Returns the reply, which is also sent to the sender by SMS. Leaving with a positive"
              + " balance needs a second 0 within 10 minutes (R9).")
  @APIResponse(responseCode = "200", description = "The reply")
  @APIResponse(
      responseCode = "400",
      description = "Invalid request, not sent to the short number, or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a channel-gateway token")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response sms(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid SmsRequest request) {
    if (!config.shortNumber().equals(request.to().strip())) {
      throw ProblemException.invalid(
          "to", "must be the programme's short number " + config.shortNumber());
    }
    return idempotency.execute(
        "sms",
        key,
        request,
        () ->
            reply(
                channels.handle(
                    request.from(), Channel.SMS, ChannelCommand.sms(request.text()), scoped(key))));
  }

  private String scoped(String key) {
    return caller.name() + "\n" + key;
  }

  private static Idempotency.Outcome reply(String text) {
    return new Idempotency.Outcome(200, new Reply(text));
  }
}
