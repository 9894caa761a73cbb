package io.kopilka.catalog.rest;

import io.kopilka.catalog.domain.Category;
import io.kopilka.catalog.rest.CatalogDtos.RewardPage;
import io.kopilka.catalog.rest.CatalogDtos.RewardView;
import io.kopilka.catalog.service.RewardService;
import io.kopilka.common.error.QueryValues;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rewards catalogue, open to anyone (rules K1-K4). */
@Path("/api/v1/rewards")
@Tag(name = "Rewards")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class RewardResource {

  private final RewardService rewards;

  public RewardResource(RewardService rewards) {
    this.rewards = rewards;
  }

  @GET
  @Operation(summary = "Rewards that can be ordered today, by category and price")
  @APIResponse(responseCode = "200", description = "A page of rewards")
  @APIResponse(responseCode = "400", description = "Unknown category or page out of range")
  public RewardPage list(
      @QueryParam("category")
          @Schema(
              enumeration = {
                "COMMUNICATION",
                "SERVICE_OPTION",
                "PARTNER_CERTIFICATE",
                "DIGITAL_SUBSCRIPTION",
                "ROAMING",
                "BANK_SERVICE"
              })
          String category,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return rewards.orderable(QueryValues.parse(Category.class, "category", category), page, size);
  }

  @GET
  @Path("/{code}")
  @Operation(summary = "One reward; a seasonal reward shows its dates before and after its season")
  @APIResponse(responseCode = "200", description = "The reward")
  @APIResponse(responseCode = "404", description = "No such reward, or it was retired")
  public RewardView get(@PathParam("code") String code) {
    return rewards.get(code);
  }
}
