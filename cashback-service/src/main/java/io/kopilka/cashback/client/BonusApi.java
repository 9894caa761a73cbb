package io.kopilka.cashback.client;

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

/** bonus-service's balances and bill payments; used through {@link BonusLedger}. */
@RegisterRestClient(configKey = "bonus")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface BonusApi {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Balance(long balance) {}

  record BillPayment(String msisdn, long maxPoints, String reference) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BillPaid(long paidPoints) {}

  @GET
  @Path("/accounts/{msisdn}/balance")
  Balance balance(@PathParam("msisdn") String msisdn);

  @POST
  @Path("/bill-payments")
  BillPaid payBill(@HeaderParam("Idempotency-Key") String key, BillPayment payment);
}
