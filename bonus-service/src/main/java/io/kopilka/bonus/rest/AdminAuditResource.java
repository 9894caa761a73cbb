package io.kopilka.bonus.rest;

import io.kopilka.bonus.service.AuditService;
import io.kopilka.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger audit, for admins. */
@Path("/api/v1/admin/bonus/audit")
@Tag(name = "Admin: ledger")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

  private final AuditService audit;

  public AdminAuditResource(AuditService audit) {
    this.audit = audit;
  }

  @GET
  @Operation(summary = "Check the ledger invariants over all accounts")
  @APIResponse(
      responseCode = "200",
      description = "The report; clean when no invariant is violated")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public AuditService.Report audit() {
    return audit.audit();
  }
}
