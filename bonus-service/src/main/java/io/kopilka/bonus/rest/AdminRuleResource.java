package io.kopilka.bonus.rest;

import io.kopilka.bonus.domain.SpendKind;
import io.kopilka.bonus.rest.RuleDtos.AccrualRuleView;
import io.kopilka.bonus.rest.RuleDtos.RateChange;
import io.kopilka.bonus.rest.RuleDtos.RuleChangeView;
import io.kopilka.bonus.rest.RuleDtos.Rules;
import io.kopilka.bonus.rest.RuleDtos.TenureChange;
import io.kopilka.bonus.rest.RuleDtos.TenureView;
import io.kopilka.bonus.service.RuleService;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accrual rates (A1-A4) and tenure multipliers (R8), for admins; every change is audited. */
@Path("/api/v1/admin/bonus/rules")
@Tag(name = "Admin: ledger")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRuleResource {

  private final RuleService rules;
  private final Caller caller;

  public AdminRuleResource(RuleService rules, Caller caller) {
    this.rules = rules;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Accrual rates (A1-A4) and tenure multipliers (R8) in force")
  @APIResponse(responseCode = "200", description = "The rules")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public Rules rules() {
    return rules.rules();
  }

  @PUT
  @Path("/rates/{kind}")
  @Operation(summary = "Change the kopecks-per-point rate of a kind of spend; audited")
  @APIResponse(responseCode = "200", description = "Changed")
  @APIResponse(responseCode = "400", description = "Invalid rate")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "Unknown kind")
  public AccrualRuleView setRate(
      @PathParam("kind") SpendKind kind, @NotNull @Valid RateChange change) {
    return rules.setRate(kind, change.kopecksPerPoint(), caller.name());
  }

  @PUT
  @Path("/tenure/{minYears}")
  @Operation(summary = "Set the multiplier from minYears of membership on; audited")
  @APIResponse(responseCode = "200", description = "Changed or added")
  @APIResponse(responseCode = "400", description = "Invalid multiplier or years")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public TenureView setTenure(
      @PathParam("minYears") @Min(0) @Max(100) int minYears, @NotNull @Valid TenureChange change) {
    return rules.setTenure(minYears, change.percent(), caller.name());
  }

  @GET
  @Path("/changes")
  @Operation(summary = "Who changed which rule when, newest first")
  @APIResponse(responseCode = "200", description = "The changes")
  @APIResponse(responseCode = "400", description = "Invalid limit")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public List<RuleChangeView> changes(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return rules.changes(limit);
  }
}
