package io.kopilka.common.outbox;

import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Roles;
import io.kopilka.common.security.ServiceTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lets admins see parked (and other) outbox messages and put parked ones back in the queue. */
@Path("/api/v1/admin/{service}/outbox")
@Tag(name = "Admin: outbox")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class OutboxAdminResource {

  private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "PARKED");

  private final OutboxStore store;
  private final ServiceTokens.Config service;
  private final Clock clock;

  public OutboxAdminResource(OutboxStore store, ServiceTokens.Config service, Clock clock) {
    this.store = store;
    this.service = service;
    this.clock = clock;
  }

  @GET
  @Operation(
      summary = "List outbox messages by status (default PARKED)",
      description = "Bodies are shown for parked messages only.")
  @APIResponse(responseCode = "200", description = "Messages, oldest first")
  @APIResponse(responseCode = "400", description = "Unknown status or limit out of range")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public List<OutboxMessage> list(
      @PathParam("service") String serviceName,
      @QueryParam("status") @DefaultValue("PARKED") String status,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    requireThisService(serviceName);
    if (!STATUSES.contains(status)) {
      throw ProblemException.badRequest(
          "outbox.invalid-status", "status must be one of PENDING, DELIVERED, PARKED.");
    }
    if (limit < 1 || limit > 1000) {
      throw ProblemException.badRequest("outbox.invalid-limit", "limit must be 1-1000.");
    }
    List<OutboxMessage> messages = store.list(status, limit);
    // a pending or just delivered message may carry a live secret (an SMS login code); a parked
    // one is old enough to be harmless and its body is what the operator must judge
    return status.equals("PARKED")
        ? messages
        : messages.stream().map(OutboxMessage::withoutPayload).toList();
  }

  @POST
  @Path("/{id}/retry")
  @Operation(summary = "Queue a parked message again with a fresh set of attempts")
  @APIResponse(responseCode = "200", description = "The message is pending again")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No parked message with this id")
  public OutboxMessage retry(@PathParam("service") String serviceName, @PathParam("id") UUID id) {
    requireThisService(serviceName);
    return store
        .retry(id, clock.instant())
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "outbox.not-parked", "No parked outbox message " + id + "."));
  }

  private void requireThisService(String serviceName) {
    if (!service.name().equals(serviceName)) {
      throw ProblemException.notFound("request.not-found", "No resource at this path.");
    }
  }
}
