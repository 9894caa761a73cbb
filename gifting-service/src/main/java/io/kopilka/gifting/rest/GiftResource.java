package io.kopilka.gifting.rest;

import io.kopilka.common.idempotency.Idempotency;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import io.kopilka.gifting.rest.GiftDtos.Confirmation;
import io.kopilka.gifting.rest.GiftDtos.GiftList;
import io.kopilka.gifting.rest.GiftDtos.GiftView;
import io.kopilka.gifting.rest.GiftDtos.LimitsView;
import io.kopilka.gifting.rest.GiftDtos.NewGift;
import io.kopilka.gifting.service.GiftService;
import io.kopilka.gifting.service.Limits;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** A member gifts points to another member (rules G1-G5). */
@Path("/api/v1/gifts")
@Tag(name = "Gifts")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {

  private final GiftService gifts;
  private final Limits limits;
  private final Idempotency idempotency;
  private final Caller caller;

  public GiftResource(GiftService gifts, Limits limits, Idempotency idempotency, Caller caller) {
    this.gifts = gifts;
    this.limits = limits;
    this.idempotency = idempotency;
    this.caller = caller;
  }

  @POST
  @Operation(summary = "Gift points: a code goes to the sender by SMS, valid 5 minutes")
  @APIResponse(responseCode = "201", description = "Awaiting confirmation with the code")
  @APIResponse(responseCode = "400", description = "Invalid request or missing Idempotency-Key")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(
      responseCode = "409",
      description = "The sender has no account, or the key is in flight")
  @APIResponse(
      responseCode = "422",
      description =
          "To oneself or a non-member, not enough points, a limit (each with its code), or the key"
              + " was used with another body")
  @APIResponse(responseCode = "503", description = "A service the check needs is unavailable")
  public Response create(
      @HeaderParam(Idempotency.HEADER) String key, @NotNull @Valid NewGift gift) {
    String sender = caller.memberMsisdn();
    return idempotency.execute(
        "gift",
        key,
        gift,
        () ->
            new Idempotency.Outcome(
                201, gifts.create(sender, gift.recipientMsisdn(), gift.points())));
  }

  @POST
  @Path("/{giftId}/confirmation")
  @Operation(
      summary = "Confirm a gift with its code: the limits are checked again and the points move")
  @APIResponse(
      responseCode = "200",
      description = "COMPLETED, or CONFIRMED while the move finishes")
  @APIResponse(responseCode = "400", description = "Not a 6-digit code")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No such gift of this member")
  @APIResponse(responseCode = "409", description = "Expired, voided, failed or already confirmed")
  @APIResponse(
      responseCode = "422",
      description = "Wrong code (tries left), a limit, or not enough points")
  public GiftView confirm(
      @PathParam("giftId") UUID giftId, @NotNull @Valid Confirmation confirmation) {
    return gifts.confirm(caller.memberMsisdn(), giftId, confirmation.code());
  }

  @GET
  @Path("/me")
  @Operation(summary = "Gifts I sent, and gifts I received, newest first")
  @APIResponse(responseCode = "200", description = "The gifts")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public GiftList mine() {
    return new GiftList(gifts.mine(caller.memberMsisdn()));
  }

  @GET
  @Path("/limits/me")
  @Operation(summary = "What I may still gift today and this month (G2-G4)")
  @APIResponse(responseCode = "200", description = "The limits left")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public LimitsView limits() {
    return limits.left(caller.memberMsisdn());
  }
}
