package io.kopilka.catalog.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kopilka.common.security.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** bonus-service's two-phase spending API; used through {@link BonusHolds}. */
@RegisterRestClient(configKey = "bonus")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/holds")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BonusApi {

  record HoldRequest(String msisdn, long points, String reference, long ttlSeconds) {}

  /** Fields of bonus-service's hold this service reads; others are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Hold(UUID holdId, String status, Instant expiresAt) {}

  @POST
  Hold hold(@HeaderParam("Idempotency-Key") String key, HoldRequest request);

  @POST
  @Path("/{holdId}/capture")
  Hold capture(@PathParam("holdId") UUID holdId);

  @POST
  @Path("/{holdId}/void")
  Hold voidHold(@PathParam("holdId") UUID holdId);
}
