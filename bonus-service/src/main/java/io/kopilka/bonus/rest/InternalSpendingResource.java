package io.kopilka.bonus.rest;

import io.kopilka.bonus.rest.SpendingDtos.BillPayment;
import io.kopilka.bonus.rest.SpendingDtos.Credit;
import io.kopilka.bonus.rest.SpendingDtos.HoldRequest;
import io.kopilka.bonus.rest.SpendingDtos.HoldView;
import io.kopilka.bonus.rest.SpendingDtos.Transfer;
import io.kopilka.bonus.service.SpendingService;
import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How other services move points: credits, two-phase holds, gift transfers and bill payments. Every
 * call that moves points needs an {@code Idempotency-Key}; capture and void are idempotent by the
 * hold's own state.
 */
@Path("/internal/v1")
@Tag(name = "Internal: spending")
@RolesAllowed(Roles.SERVICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalSpendingResource {

  private final SpendingService spending;
  private final Idempotency idempotency;

  public InternalSpendingResource(SpendingService spending, Idempotency idempotency) {
    this.spending = spending;
    this.idempotency = idempotency;
  }

  @POST
  @Path("/credits")
  @Operation(
      summary =
          "Credit points (welcome, e-mail, referral, cashback, ...) in a lot that expires at the year end")
  @APIResponse(responseCode = "201", description = "Credited")
  @APIResponse(
      responseCode = "400",
      description = "Invalid request, reason not creditable, or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No open account for this number")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response credit(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid Credit request) {
    return idempotency.execute(
        "credit", key, request, () -> new Idempotency.Outcome(201, spending.credit(request)));
  }

  @POST
  @Path("/holds")
  @Operation(
      summary = "Reserve points for a two-phase spend; capture or void it later, or it expires")
  @APIResponse(responseCode = "201", description = "Held")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No open account for this number")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(
      responseCode = "422",
      description = "Not enough available points, or the key was used with another body")
  public Response hold(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid HoldRequest request) {
    return idempotency.execute(
        "hold", key, request, () -> new Idempotency.Outcome(201, spending.hold(request)));
  }

  @POST
  @Path("/holds/{holdId}/capture")
  @Operation(summary = "Spend the held points (exactly once)")
  @APIResponse(responseCode = "200", description = "Captured (now or before)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No such hold")
  @APIResponse(responseCode = "409", description = "The hold was voided or has expired")
  public HoldView capture(@PathParam("holdId") UUID holdId) {
    return spending.capture(holdId);
  }

  @POST
  @Path("/holds/{holdId}/void")
  @Operation(summary = "Release the held points (exactly once)")
  @APIResponse(responseCode = "200", description = "Voided (now or before) or already expired")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No such hold")
  @APIResponse(responseCode = "409", description = "The hold was captured")
  public HoldView voidHold(@PathParam("holdId") UUID holdId) {
    return spending.voidHold(holdId);
  }

  @POST
  @Path("/transfers")
  @Operation(summary = "Move points from one member to another in one transaction (gifts, G1)")
  @APIResponse(responseCode = "201", description = "Transferred")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "A number has no open account")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(
      responseCode = "422",
      description = "Not enough points, same number, or the key was used with another body")
  public Response transfer(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid Transfer request) {
    return idempotency.execute(
        "transfer", key, request, () -> new Idempotency.Outcome(201, spending.transfer(request)));
  }

  @POST
  @Path("/bill-payments")
  @Operation(
      summary = "Pay up to maxPoints of the phone bill with points (B4, C7); returns what was paid")
  @APIResponse(responseCode = "200", description = "Paid (possibly 0 points)")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a service token")
  @APIResponse(responseCode = "404", description = "No open account for this number")
  @APIResponse(responseCode = "409", description = "The same key is in flight")
  @APIResponse(responseCode = "422", description = "The key was used with another body")
  public Response payBill(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid BillPayment request) {
    return idempotency.execute(
        "bill-payment",
        key,
        request,
        () -> new Idempotency.Outcome(200, spending.payBill(request)));
  }
}
