package io.kopilka.registration.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kopilka.common.security.ServiceTokenHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** bonus-service's internal account API; used through {@link BonusAccounts}. */
@RegisterRestClient(configKey = "bonus")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
interface BonusApi {

  /** Fields of bonus-service's balance this service reads; others are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Balance(
      long available, long held, long balance, long expiringAtYearEnd, Instant expiresAt) {}

  @GET
  @Path("/{msisdn}/balance")
  Balance balance(@PathParam("msisdn") String msisdn);
}
