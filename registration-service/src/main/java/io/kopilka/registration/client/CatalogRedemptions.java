package io.kopilka.registration.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Orders rewards from catalog-service for USSD and SMS (rule K3). The caller's idempotency key
 * makes a retry safe. catalog-service's refusals (4xx) are answers, returned as {@link Refused};
 * 5xx, timeouts and connection failures are exceptions that count against the circuit.
 */
@ApplicationScoped
public class CatalogRedemptions {

  private static final Logger LOG = Logger.getLogger(CatalogRedemptions.class);

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
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
  public Outcome order(String idempotencyKey, String msisdn, String rewardCode, String channel) {
    try {
      CatalogApi.Redemption redemption =
          api.redeem(idempotencyKey, new CatalogApi.RedemptionRequest(msisdn, rewardCode, channel));
      // 202: accepted, still being processed (catalog-service sends the outcome by SMS)
      return "COMPLETED".equals(redemption.status())
          ? new Ordered(redemption.rewardName(), redemption.points())
          : new InFlight();
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        throw new IllegalStateException("catalog-service answered " + status, e);
      }
      String code = problemCode(e);
      return status == 409 && code.equals("idempotency.in-flight")
          ? new InFlight()
          : new Refused(status, code);
    }
  }

  private String problemCode(WebApplicationException e) {
    try {
      String body = e.getResponse().readEntity(String.class);
      CatalogApi.Problem problem = json.readValue(body, CatalogApi.Problem.class);
      return problem.code() == null ? "" : problem.code();
    } catch (RuntimeException | java.io.IOException unreadable) {
      LOG.debugf("Unreadable refusal from catalog-service: %s", unreadable.getMessage());
      return "";
    }
  }
}
