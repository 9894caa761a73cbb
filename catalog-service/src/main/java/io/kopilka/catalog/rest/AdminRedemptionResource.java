package io.kopilka.catalog.rest;

import io.kopilka.catalog.domain.Step;
import io.kopilka.catalog.rest.RedemptionDtos.AdminRedemptionPage;
import io.kopilka.catalog.rest.RedemptionDtos.AdminRedemptionView;
import io.kopilka.catalog.rest.RedemptionDtos.Refund;
import io.kopilka.catalog.service.RedemptionQueries;
import io.kopilka.catalog.service.RedemptionStore;
import io.kopilka.common.error.QueryValues;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Support looks orders up and refunds them. Certificate codes are never shown here. */
@Path("/api/v1/admin/catalog/redemptions")
@Tag(name = "Admin: redemptions")
@RolesAllowed({Roles.SUPPORT, Roles.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRedemptionResource {

  private final RedemptionQueries queries;
  private final RedemptionStore store;
  private final Idempotency idempotency;
  private final Caller caller;

  public AdminRedemptionResource(
      RedemptionQueries queries, RedemptionStore store, Idempotency idempotency, Caller caller) {
    this.queries = queries;
    this.store = store;
    this.idempotency = idempotency;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Orders, newest first, by number and/or saga step (UNPAID needs a decision)")
  @APIResponse(responseCode = "200", description = "A page of orders")
  @APIResponse(responseCode = "400", description = "Invalid msisdn, step or page")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  public AdminRedemptionPage search(
      @QueryParam("msisdn") @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE) String msisdn,
      @QueryParam("step")
          @Schema(
              enumeration = {
                "PENDING",
                "HELD",
                "FULFILLED",
                "COMPENSATING",
                "COMPLETED",
                "FAILED",
                "UNPAID",
                "REFUNDED"
              })
          String step,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return new AdminRedemptionPage(
        queries.search(msisdn, QueryValues.parse(Step.class, "step", step), page, size),
        page,
        size);
  }

  @GET
  @Path("/{redemptionId}")
  @Operation(summary = "One order with its saga step")
  @APIResponse(responseCode = "200", description = "The order")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such order")
  public AdminRedemptionView get(@PathParam("redemptionId") UUID redemptionId) {
    return queries.get(redemptionId);
  }

  @POST
  @Path("/{redemptionId}/refund")
  @Operation(
      summary = "Give a completed order's points back (reason REFUND), once",
      description = "The member is told by SMS; the reward itself is not switched off.")
  @APIResponse(responseCode = "200", description = "Refunded")
  @APIResponse(responseCode = "400", description = "No reason given, or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not support or admin")
  @APIResponse(responseCode = "404", description = "No such order")
  @APIResponse(
      responseCode = "409",
      description = "Already refunded, not completed, or the same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response refund(
      @PathParam("redemptionId") UUID redemptionId,
      @HeaderParam(Idempotency.HEADER) String key,
      @NotNull @Valid Refund request) {
    String actor = caller.name();
    return idempotency.execute(
        "refund:" + redemptionId,
        key,
        request,
        () -> {
          store.refund(redemptionId, actor, request.reason().strip());
          return new Idempotency.Outcome(200, queries.get(redemptionId));
        });
  }
}
