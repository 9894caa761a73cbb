package io.kopilka.catalog.rest;

import io.kopilka.catalog.domain.Channel;
import io.kopilka.catalog.rest.RedemptionDtos.Order;
import io.kopilka.catalog.rest.RedemptionDtos.RedemptionPage;
import io.kopilka.catalog.rest.RedemptionDtos.RedemptionView;
import io.kopilka.catalog.service.RedemptionQueries;
import io.kopilka.catalog.service.RedemptionSaga;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member orders rewards with points and sees their orders (rules K3-K5). */
@Path("/api/v1/redemptions")
@Tag(name = "Redemptions")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

  private final RedemptionSaga saga;
  private final RedemptionQueries queries;
  private final Orders orders;
  private final Caller caller;

  public RedemptionResource(
      RedemptionSaga saga, RedemptionQueries queries, Orders orders, Caller caller) {
    this.saga = saga;
    this.queries = queries;
    this.orders = orders;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary = "Order a reward: its points are held, the reward given, then the points spent")
  @APIResponse(
      responseCode = "201",
      description = "Ordered and given (a certificate with its code)")
  @APIResponse(
      responseCode = "202",
      description = "Still being processed (the operator's systems are slow); see /me/{id}")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
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
  @APIResponse(
      responseCode = "503",
      description = "The points ledger or the provisioning gateway is unavailable; nothing charged")
  public Response order(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid Order request) {
    String msisdn = caller.memberMsisdn();
    return orders.answer(
        saga.order("member:" + msisdn, key, msisdn, request.rewardCode(), Channel.API));
  }

  @GET
  @Path("/me")
  @Operation(summary = "My orders, newest first, with certificate codes")
  @APIResponse(responseCode = "200", description = "A page of orders")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public RedemptionPage mine(
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return new RedemptionPage(queries.mine(caller.memberMsisdn(), page, size), page, size);
  }

  @GET
  @Path("/me/{redemptionId}")
  @Operation(summary = "One of my orders")
  @APIResponse(responseCode = "200", description = "The order")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No such order of mine")
  public RedemptionView one(@PathParam("redemptionId") UUID redemptionId) {
    return queries.mine(caller.memberMsisdn(), redemptionId);
  }
}
