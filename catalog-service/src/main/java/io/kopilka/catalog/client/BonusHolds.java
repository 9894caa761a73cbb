package io.kopilka.catalog.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.client.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Holds, captures and voids points in bonus-service for an order (ARCHITECTURE.md: two-phase
 * spend). Every call is idempotent (the hold by its key, capture and void by the hold's state), so
 * each is retried; 4xx answers are refusals.
 */
@ApplicationScoped
public class BonusHolds {

  /** A hold as bonus-service reports it. */
  public record Hold(UUID holdId, String status, java.time.Instant expiresAt) {}

  private final BonusApi api;
  private final ObjectMapper json;

  public BonusHolds(@RestClient BonusApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<Hold> hold(String key, String msisdn, long points, String reference, Duration ttl) {
    return call(
        () -> api.hold(key, new BonusApi.HoldRequest(msisdn, points, reference, ttl.toSeconds())));
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<Hold> capture(UUID holdId) {
    return call(() -> api.capture(holdId));
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<Hold> voidHold(UUID holdId) {
    return call(() -> api.voidHold(holdId));
  }

  private Answer<Hold> call(Supplier<BonusApi.Hold> request) {
    return Answer.from(
        () -> {
          BonusApi.Hold hold = request.get();
          return new Hold(hold.holdId(), hold.status(), hold.expiresAt());
        },
        json);
  }
}
