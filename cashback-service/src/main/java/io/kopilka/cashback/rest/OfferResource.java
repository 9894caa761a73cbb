package io.kopilka.cashback.rest;

import io.kopilka.cashback.domain.Category;
import io.kopilka.cashback.rest.OfferDtos.ClickView;
import io.kopilka.cashback.rest.OfferDtos.Filter;
import io.kopilka.cashback.rest.OfferDtos.NewClick;
import io.kopilka.cashback.rest.OfferDtos.OfferPage;
import io.kopilka.cashback.service.ClickService;
import io.kopilka.cashback.service.OfferService;
import io.kopilka.common.error.QueryValues;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Offers (C1, C2) and the clicks that take members to partners (C3). */
@Path("/api/v1")
@Tag(name = "Offers")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {

  private final OfferService offers;
  private final ClickService clicks;
  private final Caller caller;

  public OfferResource(OfferService offers, ClickService clicks, Caller caller) {
    this.offers = offers;
    this.clicks = clicks;
    this.caller = caller;
  }

  @GET
  @Path("/offers")
  @PermitAll
  @Operation(summary = "Active partners' offers at the rate in force now (C1, C2)")
  @APIResponse(responseCode = "200", description = "A page of offers")
  @APIResponse(responseCode = "400", description = "Unknown filter or category, or bad paging")
  public OfferPage offers(
      @QueryParam("filter")
          @Parameter(
              description =
                  "new (added in the last 30 days), popular (most clicks in the last 30 days) or"
                      + " increased (a temporarily raised rate)")
          String filter,
      @QueryParam("category") @Parameter(description = "A partner category, e.g. RETAIL")
          String category,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return offers.offers(
        QueryValues.parse(
            Filter.class, "filter", filter == null ? null : filter.toUpperCase(Locale.ROOT)),
        QueryValues.parse(Category.class, "category", category),
        page,
        size);
  }

  @POST
  @Path("/clicks")
  @RolesAllowed(Roles.MEMBER)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Go to a partner: records the click and returns the partner's URL carrying its id")
  @APIResponse(responseCode = "201", description = "The click and the URL to open")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No such partner")
  @APIResponse(
      responseCode = "422",
      description = "The partner is paused, or the number is not a programme member")
  @APIResponse(responseCode = "503", description = "The membership can't be checked now")
  public Response click(@NotNull @Valid NewClick click) {
    ClickView view = clicks.click(caller.memberMsisdn(), click.partnerId(), click.source());
    return Response.status(201).entity(view).build();
  }
}
