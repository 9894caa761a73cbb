package io.kopilka.registration.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kopilka.common.security.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal redemption API; used through {@link CatalogRedemptions}. */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/redemptions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface CatalogApi {

  /** An order of a reward placed through a channel (rule K3). */
  record RedemptionRequest(String msisdn, String rewardCode, String channel) {}

  /** Fields of catalog-service's redemption this service reads; others are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Redemption(
      UUID redemptionId, String rewardCode, String rewardName, long points, String status) {}

  @POST
  Redemption redeem(@HeaderParam("Idempotency-Key") String key, RedemptionRequest request);
}
