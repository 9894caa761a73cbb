package io.kopilka.gifting.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kopilka.common.security.ServiceTokenHeaders;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** bonus-service's balances and transfers; used through {@link BonusLedger}. */
@RegisterRestClient(configKey = "bonus")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BonusApi {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Balance(long available) {}

  record Transfer(String fromMsisdn, String toMsisdn, long points, String reference) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Transferred(long points) {}

  @GET
  @Path("/accounts/{msisdn}/balance")
  Balance balance(@PathParam("msisdn") String msisdn);

  @POST
  @Path("/transfers")
  Transferred transfer(@HeaderParam("Idempotency-Key") String key, Transfer transfer);
}
