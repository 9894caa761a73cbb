package io.kopilka.gifting.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.client.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads a sender's available points and moves a gift's points in bonus-service. The transfer is one
 * ledger transaction keyed by the gift, so a retry never moves the points twice; 4xx answers are
 * refusals.
 */
@ApplicationScoped
public class BonusLedger {

  private final BonusApi api;
  private final ObjectMapper json;

  public BonusLedger(@RestClient BonusApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  /** The number's available points; empty when it has no open account. */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public OptionalLong available(String msisdn) {
    try {
      return OptionalLong.of(api.balance(msisdn).available());
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<Long> transfer(String key, String from, String to, long points, String reference) {
    return Answer.from(
        () -> api.transfer(key, new BonusApi.Transfer(from, to, points, reference)).points(), json);
  }
}
