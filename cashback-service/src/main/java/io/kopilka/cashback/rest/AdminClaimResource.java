package io.kopilka.cashback.rest;

import io.kopilka.cashback.domain.ClaimStatus;
import io.kopilka.cashback.rest.ClaimDtos.AdminClaimPage;
import io.kopilka.cashback.rest.ClaimDtos.AdminClaimView;
import io.kopilka.cashback.rest.ClaimDtos.Approval;
import io.kopilka.cashback.rest.ClaimDtos.Rejection;
import io.kopilka.cashback.service.ClaimService;
import io.kopilka.common.error.QueryValues;
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

/** Support decides members' claims (C5). */
@Path("/api/v1/admin/cashback/claims")
@Tag(name = "Admin: claims")
@RolesAllowed({Roles.SUPPORT, Roles.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminClaimResource {

  private final ClaimService claims;
  private final Idempotency idempotency;
  private final Caller caller;

  public AdminClaimResource(ClaimService claims, Idempotency idempotency, Caller caller) {
    this.claims = claims;
    this.idempotency = idempotency;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Claims, oldest first; status=OPEN for the queue")
  @APIResponse(responseCode = "200", description = "A page of claims")
  @APIResponse(responseCode = "400", description = "Unknown status or bad paging")
  public AdminClaimPage list(
      @QueryParam("status") String status,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return claims.list(QueryValues.parse(ClaimStatus.class, "status", status), page, size);
  }

  @POST
  @Path("/{claimId}/approval")
  @Operation(
      summary =
          "Approve: the purchase's conversion is created or approved and its cashback credited once")
  @APIResponse(responseCode = "200", description = "Approved")
  @APIResponse(responseCode = "400", description = "Invalid amount or missing Idempotency-Key")
  @APIResponse(responseCode = "404", description = "No such claim")
  @APIResponse(
      responseCode = "409",
      description = "Already decided, or the partner has declined the order meanwhile")
  public Response approve(
      @PathParam("claimId") UUID claimId,
      @HeaderParam(Idempotency.HEADER) String key,
      @Valid Approval approval) {
    Long amount = approval == null ? null : approval.amountKopecks();
    String agent = caller.name();
    return idempotency.execute(
        "claim-approval",
        key,
        new Object[] {claimId, amount},
        () -> new Idempotency.Outcome(200, claims.approve(claimId, amount, agent)));
  }

  @POST
  @Path("/{claimId}/rejection")
  @Operation(summary = "Reject with a reason the member sees")
  @APIResponse(responseCode = "200", description = "Rejected")
  @APIResponse(responseCode = "400", description = "No reason")
  @APIResponse(responseCode = "404", description = "No such claim")
  @APIResponse(responseCode = "409", description = "Already decided")
  public AdminClaimView reject(
      @PathParam("claimId") UUID claimId, @NotNull @Valid Rejection rejection) {
    return claims.reject(claimId, rejection.reason(), caller.name());
  }
}
