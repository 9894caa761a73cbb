package io.kopilka.cashback.client;

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
 * Reads members' balances (savings goals) and pays phone bills with points (C7) in bonus-service. A
 * bill payment carries a key per member and month, so a retry never pays twice; 4xx answers are
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

  /** The number's balance; empty when it has no open account. */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public OptionalLong balance(String msisdn) {
    try {
      return OptionalLong.of(api.balance(msisdn).balance());
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /** Pays up to {@code maxPoints} of the bill; the points paid, or bonus-service's refusal. */
  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 100, jitter = 50)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Answer<Long> payBill(String key, String msisdn, long maxPoints, String reference) {
    return Answer.from(
        () -> api.payBill(key, new BonusApi.BillPayment(msisdn, maxPoints, reference)).paidPoints(),
        json);
  }
}
