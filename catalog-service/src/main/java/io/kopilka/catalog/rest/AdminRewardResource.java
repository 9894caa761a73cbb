package io.kopilka.catalog.rest;

import io.kopilka.catalog.rest.CatalogDtos.AdminRewardView;
import io.kopilka.catalog.rest.CatalogDtos.CodeUpload;
import io.kopilka.catalog.rest.CatalogDtos.RewardRequest;
import io.kopilka.catalog.rest.CatalogDtos.UploadResult;
import io.kopilka.catalog.service.CertificatePool;
import io.kopilka.catalog.service.RewardService;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue's administration: rewards and their certificate code pools. */
@Path("/api/v1/admin/catalog/rewards")
@Tag(name = "Admin: catalogue")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRewardResource {

  private final RewardService rewards;
  private final CertificatePool pool;

  public AdminRewardResource(RewardService rewards, CertificatePool pool) {
    this.rewards = rewards;
    this.pool = pool;
  }

  @GET
  @Operation(summary = "Every reward, retired and out-of-season ones too, with pool counts")
  @APIResponse(responseCode = "200", description = "The catalogue")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public List<AdminRewardView> all() {
    return rewards.all();
  }

  @GET
  @Path("/{code}")
  @Operation(summary = "One reward with its pool counts")
  @APIResponse(responseCode = "200", description = "The reward")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No such reward")
  public AdminRewardView get(@PathParam("code") String code) {
    return rewards.adminGet(code);
  }

  @PUT
  @Path("/{code}")
  @Operation(
      summary = "Add a reward under a new code, or replace a reward's terms",
      description =
          "Orders already placed keep the terms they were placed on. Which fields apply depends"
              + " on kind: product for all but CERTIFICATE; days for all but PACKAGE (optional"
              + " there); quantity and unit for PACKAGE; paidPriceKopecks for SUBSCRIPTION;"
              + " valueKopecks for CERTIFICATE (optional).")
  @APIResponse(responseCode = "200", description = "Replaced")
  @APIResponse(responseCode = "201", description = "Added")
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields, or fields that don't match the kind (all listed)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(
      responseCode = "409",
      description = "The reward is retired, or has a code pool and can't stop being a certificate")
  public Response put(
      @PathParam("code")
          @Pattern(
              regexp = CatalogDtos.CODE_REGEX,
              message = "must be 2-6 digits without a leading zero")
          String code,
      @NotNull @Valid RewardRequest request) {
    return rewards.exists(code)
        ? Response.ok(rewards.replace(code, request)).build()
        : Response.status(201).entity(rewards.create(code, request)).build();
  }

  @DELETE
  @Path("/{code}")
  @Operation(summary = "Retire a reward: it can't be ordered any more; orders keep it")
  @APIResponse(responseCode = "200", description = "Retired (now or before)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No such reward")
  public AdminRewardView retire(@PathParam("code") String code) {
    return rewards.retire(code);
  }

  @POST
  @Path("/{code}/certificates")
  @RolesAllowed({Roles.ADMIN, Roles.PARTNER_ADMIN})
  @Operation(
      summary = "Add certificate codes to a reward's pool (K5)",
      description =
          "Codes are stored encrypted and shown to nobody but the member who gets one; this"
              + " answer and every admin view carry counts only. Codes already in the pool are"
              + " skipped, so an upload can be repeated safely.")
  @APIResponse(responseCode = "200", description = "What was added and skipped")
  @APIResponse(responseCode = "400", description = "No codes, too many, or a malformed one")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin or partner admin")
  @APIResponse(responseCode = "404", description = "No such reward")
  @APIResponse(responseCode = "409", description = "The reward is not a certificate")
  public UploadResult upload(@PathParam("code") String code, @NotNull @Valid CodeUpload upload) {
    return pool.upload(code, upload.codes());
  }
}
