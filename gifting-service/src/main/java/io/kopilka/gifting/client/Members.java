package io.kopilka.gifting.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks registration-service whether a number is an active member (rule G5). */
@ApplicationScoped
public class Members {

  private final RegistrationApi api;

  public Members(@RestClient RegistrationApi api) {
    this.api = api;
  }

  /** Whether the number's membership is active; false for none or one under review. */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public boolean isActive(String msisdn) {
    try {
      return "ACTIVE".equals(api.current(msisdn).status());
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return false;
      }
      throw e;
    }
  }
}
