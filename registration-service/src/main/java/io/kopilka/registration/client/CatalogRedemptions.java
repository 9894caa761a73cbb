package io.kopilka.registration.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.client.Answer;
import io.kopilka.common.client.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Orders rewards from catalog-service for USSD and SMS (rule K3). The caller's idempotency key
 * makes a retry safe. catalog-service's refusals (4xx) are answers, returned as {@link Refused};
 * 5xx, timeouts and connection failures are exceptions that count against the circuit.
 */
@ApplicationScoped
public class CatalogRedemptions {

  /** What came of an order. */
  public sealed interface Outcome {}

  /** Ordered: {@code points} were spent on {@code rewardName}. */
  public record Ordered(String rewardName, long points) implements Outcome {}

  /** catalog-service refused the order; {@code code} is its problem code. */
  public record Refused(int status, String code) implements Outcome {}

  /**
   * The order is still being processed: accepted but waiting for a slow system, or a retry after a
   * timeout met the first attempt.
   */
  public record InFlight() implements Outcome {}

  private final CatalogApi api;
  private final ObjectMapper json;

  public CatalogRedemptions(@RestClient CatalogApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
  public Outcome order(String idempotencyKey, String msisdn, String rewardCode, String channel) {
    Answer<CatalogApi.Redemption> answer =
        Answer.from(
            () ->
                api.redeem(
                    idempotencyKey, new CatalogApi.RedemptionRequest(msisdn, rewardCode, channel)),
            json);
    if (answer.refused()) {
      Refusal refusal = answer.refusal();
      return refusal.status() == 409 && refusal.code().equals("idempotency.in-flight")
          ? new InFlight()
          : new Refused(refusal.status(), refusal.code());
    }
    // 202: accepted, still being processed (catalog-service sends the outcome by SMS)
    CatalogApi.Redemption redemption = answer.value();
    return "COMPLETED".equals(redemption.status())
        ? new Ordered(redemption.rewardName(), redemption.points())
        : new InFlight();
  }
}
