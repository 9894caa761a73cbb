package io.kopilka.cashback.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks registration-service for a number's active membership. */
@ApplicationScoped
public class Members {

  private final RegistrationApi api;

  public Members(@RestClient RegistrationApi api) {
    this.api = api;
  }

  /** The id of the number's active membership; empty for none or one under review. */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Optional<UUID> activeMembership(String msisdn) {
    try {
      RegistrationApi.Membership membership = api.current(msisdn);
      return "ACTIVE".equals(membership.status())
          ? Optional.of(membership.membershipId())
          : Optional.empty();
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
