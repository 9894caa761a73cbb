package io.kopilka.cashback.rest;

import io.kopilka.cashback.rest.ConversionDtos.MyConversions;
import io.kopilka.cashback.service.ConversionQueries;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's cashback (C4). */
@Path("/api/v1/conversions")
@Tag(name = "Cashback")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
public class ConversionResource {

  private final ConversionQueries queries;
  private final Caller caller;

  public ConversionResource(ConversionQueries queries, Caller caller) {
    this.queries = queries;
    this.caller = caller;
  }

  @GET
  @Path("/me")
  @Operation(summary = "My purchases at partners and their cashback, newest first, with totals")
  @APIResponse(responseCode = "200", description = "A page of my conversions")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public MyConversions mine(
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
    return queries.mine(caller.memberMsisdn(), page, size);
  }
}
