package io.kopilka.catalog.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.client.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Activates rewards through the provisioning gateway. An activation is idempotent by its id, so it
 * is retried; a 4xx is the gateway refusing (the product doesn't suit the number's tariff, for
 * example), anything else a failure whose effect is unknown until a repeat answers.
 */
@ApplicationScoped
public class Provisioning {

  private final ProvisioningApi api;
  private final ObjectMapper json;

  public Provisioning(@RestClient ProvisioningApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  /** Returns the gateway's reference of the activation. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<String> activate(ProvisioningApi.Activation activation) {
    return Answer.from(() -> api.activate(activation.activationId(), activation).reference(), json);
  }
}
