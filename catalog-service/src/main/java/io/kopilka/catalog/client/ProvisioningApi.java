package io.kopilka.catalog.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The operator's provisioning gateway, which switches options, packages and subscriptions on for a
 * number (docs/catalog.md describes the contract). Used through {@link Provisioning}.
 */
@RegisterRestClient(configKey = "provisioning")
@RegisterClientHeaders(ProvisioningHeaders.class)
@Path("/activations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ProvisioningApi {

  /**
   * Switch {@code product} on for {@code msisdn}: for {@code days} days, or a package of {@code
   * quantity} {@code unit}. {@code activationId} (also the Idempotency-Key) makes a repeat a no-op.
   */
  record Activation(
      String activationId,
      String msisdn,
      String product,
      Integer days,
      Integer quantity,
      String unit) {}

  /** The gateway's answer; {@code reference} is its own id of the activation. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Activated(String activationId, String reference) {}

  @POST
  Activated activate(@HeaderParam("Idempotency-Key") String key, Activation activation);
}
