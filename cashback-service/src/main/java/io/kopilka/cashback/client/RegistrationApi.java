package io.kopilka.cashback.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kopilka.common.security.ServiceTokenHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registration-service's member lookup; used through {@link Members}. */
@RegisterRestClient(configKey = "registration")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/members")
@Produces(MediaType.APPLICATION_JSON)
interface RegistrationApi {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Membership(String msisdn, UUID membershipId, String status) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page(List<Membership> items, String next) {}

  @GET
  Page active(@QueryParam("after") String after, @QueryParam("limit") int limit);

  @GET
  @Path("/{msisdn}")
  Membership current(@PathParam("msisdn") String msisdn);
}
