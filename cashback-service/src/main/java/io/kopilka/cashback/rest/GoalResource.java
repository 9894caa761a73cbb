package io.kopilka.cashback.rest;

import io.kopilka.cashback.rest.GoalDtos.MyGoals;
import io.kopilka.cashback.rest.GoalDtos.NewGoal;
import io.kopilka.cashback.rest.GoalDtos.SavingsGoalView;
import io.kopilka.cashback.service.Goals;
import io.kopilka.common.security.Caller;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** A member's goals (C7). */
@Path("/api/v1/goals/me")
@Tag(name = "Goals")
@RolesAllowed(Roles.MEMBER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GoalResource {

  private final Goals goals;
  private final Caller caller;

  public GoalResource(Goals goals, Caller caller) {
    this.goals = goals;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "My goals: the phone bill paid from points each month, and my savings goals")
  @APIResponse(responseCode = "200", description = "My goals, with progress at my balance now")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  public MyGoals mine() {
    return goals.mine(caller.memberMsisdn());
  }

  @POST
  @Operation(summary = "Add a savings goal; I am told by SMS once my balance reaches it")
  @APIResponse(responseCode = "201", description = "The goal")
  @APIResponse(responseCode = "400", description = "Invalid request; see violations")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "422", description = "Too many goals (goal.too-many)")
  public Response add(@NotNull @Valid NewGoal goal) {
    SavingsGoalView added = goals.add(caller.memberMsisdn(), goal);
    return Response.status(201).entity(added).build();
  }

  @DELETE
  @Path("/{goalId}")
  @Operation(summary = "Remove one of my savings goals")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not a member token")
  @APIResponse(responseCode = "404", description = "No such goal of mine")
  public void remove(@PathParam("goalId") UUID goalId) {
    goals.remove(caller.memberMsisdn(), goalId);
  }
}
