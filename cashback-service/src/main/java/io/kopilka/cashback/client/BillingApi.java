package io.kopilka.cashback.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The operator's billing gateway: a subscriber's bill for a month (docs/cashback.md); used through
 * {@link Billing}.
 */
@RegisterRestClient(configKey = "billing")
@RegisterClientHeaders(BillingHeaders.class)
@Path("/bills")
@Produces(MediaType.APPLICATION_JSON)
public interface BillingApi {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Bill(String msisdn, String month, long amountKopecks) {}

  @GET
  @Path("/{msisdn}")
  Bill bill(@PathParam("msisdn") String msisdn, @QueryParam("month") String month);
}
