package io.kopilka.catalog.rest;

import io.kopilka.catalog.domain.Channel;
import io.kopilka.catalog.rest.RedemptionDtos.ChannelOrder;
import io.kopilka.catalog.service.RedemptionSaga;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
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

/** Orders placed by USSD or SMS (section H), sent by registration-service for the member. */
@Path("/internal/v1/redemptions")
@Tag(name = "Internal: redemptions")
@RolesAllowed(Roles.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalRedemptionResource {

  private final RedemptionSaga saga;
  private final Orders orders;
  private final Caller caller;

  public InternalRedemptionResource(RedemptionSaga saga, Orders orders, Caller caller) {
    this.saga = saga;
    this.orders = orders;
    this.caller = caller;
  }

  @POST
  @Operation(summary = "Order a reward for a member; answers as POST /api/v1/redemptions")
  @APIResponse(responseCode = "201", description = "Ordered and given")
  @APIResponse(responseCode = "202", description = "Still being processed")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No reward with this code")
  @APIResponse(
      responseCode = "409",
      description =
          "The reward is retired, out of season or out of stock, or the number has no account")
  @APIResponse(
      responseCode = "422",
      description =
          "Not enough points, the reward can't be activated on this number, or the key was used"
              + " with another body")
  @APIResponse(responseCode = "503", description = "A system the order needs is unavailable")
  public Response order(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid ChannelOrder request) {
    return orders.answer(
        saga.order(
            "service:" + caller.name(),
            key,
            request.msisdn(),
            request.rewardCode(),
            Channel.valueOf(request.channel())));
  }
}
