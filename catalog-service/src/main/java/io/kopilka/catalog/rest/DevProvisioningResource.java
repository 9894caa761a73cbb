package io.kopilka.catalog.rest;

import io.kopilka.catalog.client.ProvisioningApi.Activated;
import io.kopilka.catalog.client.ProvisioningApi.Activation;
import io.kopilka.catalog.config.CatalogConfig;
import io.kopilka.common.error.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * A stand-in provisioning gateway for local runs and tests, reached over HTTP like the real one. It
 * activates everything, idempotently by activation id, until told otherwise: {@code PUT
 * /dev/provisioning/mode} with {@code {"mode": "REFUSE"}} makes it refuse (422) and {@code
 * UNAVAILABLE} fail (503). Answers 404 unless {@code kopilka.catalog.dev-provisioning=true}, which
 * the {@code prod} profile never sets.
 */
@Path("/dev/provisioning")
@Singleton
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DevProvisioningResource {

  private static final Logger LOG = Logger.getLogger(DevProvisioningResource.class);

  /** How the stand-in answers. */
  public enum Mode {
    ACCEPT,
    REFUSE,
    UNAVAILABLE
  }

  public record ModeChange(Mode mode) {}

  /** An activation and how many times it was asked for. */
  public record Received(Activation activation, String reference, int requests) {}

  private final boolean enabled;
  private final Map<String, Received> activations = new LinkedHashMap<>();
  private volatile Mode mode = Mode.ACCEPT;

  public DevProvisioningResource(CatalogConfig config) {
    this.enabled = config.devProvisioning();
  }

  @POST
  @Path("/activations")
  @Operation(hidden = true)
  public synchronized Response activate(
      @HeaderParam("Idempotency-Key") String key, Activation activation) {
    requireEnabled();
    if (mode == Mode.UNAVAILABLE) {
      return Response.status(503).build();
    }
    if (mode == Mode.REFUSE) {
      return Response.status(422)
          .entity(
              Map.of(
                  "code",
                  "product-not-allowed",
                  "message",
                  "Product " + activation.product() + " is not available on this tariff"))
          .build();
    }
    Received earlier = activations.get(key);
    String reference = earlier == null ? "dev-" + (activations.size() + 1) : earlier.reference();
    activations.put(
        key, new Received(activation, reference, earlier == null ? 1 : earlier.requests() + 1));
    LOG.infof("Activated %s for order %s", activation.product(), activation.activationId());
    return Response.ok(new Activated(activation.activationId(), reference)).build();
  }

  @GET
  @Path("/activations")
  @Operation(hidden = true)
  public synchronized List<Received> list() {
    requireEnabled();
    return new ArrayList<>(activations.values());
  }

  @PUT
  @Path("/mode")
  @Operation(hidden = true)
  public ModeChange mode(ModeChange change) {
    requireEnabled();
    if (change == null || change.mode() == null) {
      throw ProblemException.badRequest(
          "dev.mode-invalid", "Expected {\"mode\": \"ACCEPT\" | \"REFUSE\" | \"UNAVAILABLE\"}.");
    }
    mode = change.mode();
    return change;
  }

  private void requireEnabled() {
    if (!enabled) {
      throw ProblemException.notFound("dev.disabled", "Not found.");
    }
  }
}
