package io.kopilka.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads balances from bonus-service for the channels (rule B1). A read is idempotent, so it is
 * retried once; a 404 (no open account yet) is an answer, not a failure.
 */
@ApplicationScoped
public class BonusAccounts {

  /** A member's balance as bonus-service reports it. */
  public record Balance(long balance, long expiringAtYearEnd, java.time.Instant expiresAt) {}

  private final BonusApi api;

  public BonusAccounts(@RestClient BonusApi api) {
    this.api = api;
  }

  /** The balance of the number's open account; empty when bonus-service has none (yet). */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Optional<Balance> balance(String msisdn) {
    try {
      BonusApi.Balance b = api.balance(msisdn);
      return Optional.of(new Balance(b.balance(), b.expiringAtYearEnd(), b.expiresAt()));
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
