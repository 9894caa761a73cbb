package io.kopilka.cashback.rest;

import io.kopilka.cashback.rest.PartnerDtos.AttributionReport;
import io.kopilka.cashback.rest.PartnerDtos.BoostList;
import io.kopilka.cashback.rest.PartnerDtos.BoostRequest;
import io.kopilka.cashback.rest.PartnerDtos.BoostView;
import io.kopilka.cashback.rest.PartnerDtos.PartnerPage;
import io.kopilka.cashback.rest.PartnerDtos.PartnerRequest;
import io.kopilka.cashback.rest.PartnerDtos.PartnerView;
import io.kopilka.cashback.rest.PartnerDtos.SecretRotated;
import io.kopilka.cashback.rest.PartnerDtos.SecretRotation;
import io.kopilka.cashback.service.PartnerService;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partners, their rates and webhook secrets (C1, C2); for partner managers and admins. */
@Path("/api/v1/admin/cashback/partners")
@Tag(name = "Admin: partners")
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminPartnerResource {

  private static final String ID = "^[a-z0-9][a-z0-9-]{1,39}$";
  private static final String ID_MESSAGE =
      "must be 2-40 lowercase letters, digits or hyphens, starting with a letter or digit";

  private final PartnerService partners;

  public AdminPartnerResource(PartnerService partners) {
    this.partners = partners;
  }

  @PUT
  @Path("/{partnerId}")
  @Operation(
      summary = "Create or update a partner; a new partner's first webhook secret is returned once")
  @APIResponse(responseCode = "200", description = "Updated")
  @APIResponse(responseCode = "201", description = "Created, with its secret (PartnerCreated)")
  @APIResponse(responseCode = "400", description = "Invalid request; see violations")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a partner-admin or admin token")
  @APIResponse(
      responseCode = "422",
      description =
          "The rate is above its category's maximum (partner.rate-above-category-maximum)")
  public Response put(
      @PathParam("partnerId") @Pattern(regexp = ID, message = ID_MESSAGE) String partnerId,
      @NotNull @Valid PartnerRequest request) {
    PartnerService.Saved saved = partners.save(partnerId, request);
    return saved.created() == null
        ? Response.ok(saved.partner()).build()
        : Response.status(201).entity(saved.created()).build();
  }

  @GET
  @Operation(summary = "All partners, by id")
  @APIResponse(responseCode = "200", description = "A page of partners")
  public PartnerPage list(
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return partners.list(page, size);
  }

  @GET
  @Path("/{partnerId}")
  @Operation(summary = "One partner, with its valid secrets' ids and expiry (never their values)")
  @APIResponse(responseCode = "200", description = "The partner")
  @APIResponse(responseCode = "404", description = "No such partner")
  public PartnerView get(@PathParam("partnerId") String partnerId) {
    return partners.get(partnerId);
  }

  @POST
  @Path("/{partnerId}/secrets")
  @Operation(
      summary =
          "Rotate the webhook secret: a new one now; the current ones stay valid for the overlap")
  @APIResponse(responseCode = "201", description = "The new secret, shown only now")
  @APIResponse(responseCode = "400", description = "Invalid overlap")
  @APIResponse(responseCode = "404", description = "No such partner")
  public Response rotate(@PathParam("partnerId") String partnerId, @Valid SecretRotation rotation) {
    Duration overlap =
        rotation == null || rotation.overlapHours() == null
            ? null
            : Duration.ofHours(rotation.overlapHours());
    SecretRotated rotated = partners.rotate(partnerId, overlap);
    return Response.status(201).entity(rotated).build();
  }

  @POST
  @Path("/{partnerId}/boosts")
  @Operation(summary = "A temporarily increased rate (C2)")
  @APIResponse(responseCode = "201", description = "The boost")
  @APIResponse(responseCode = "400", description = "Invalid period")
  @APIResponse(responseCode = "404", description = "No such partner")
  @APIResponse(
      responseCode = "422",
      description = "Not above the base rate, or above the category's maximum")
  public Response boost(
      @PathParam("partnerId") String partnerId, @NotNull @Valid BoostRequest request) {
    BoostView boost = partners.boost(partnerId, request);
    return Response.status(201).entity(boost).build();
  }

  @GET
  @Path("/{partnerId}/boosts")
  @Operation(summary = "The partner's increased rates, past and planned")
  @APIResponse(responseCode = "200", description = "The boosts")
  @APIResponse(responseCode = "404", description = "No such partner")
  public BoostList boosts(@PathParam("partnerId") String partnerId) {
    return new BoostList(partners.boosts(partnerId));
  }

  @GET
  @Path("/{partnerId}/attribution-failures")
  @Operation(summary = "The partner's reports that no click accounted for, by rule (C3)")
  @APIResponse(responseCode = "200", description = "Counts by rule and the latest failures")
  @APIResponse(responseCode = "404", description = "No such partner")
  public AttributionReport attributionFailures(@PathParam("partnerId") String partnerId) {
    return partners.attributionReport(partnerId);
  }
}
