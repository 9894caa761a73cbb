package io.kopilka.cashback.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks the billing gateway for a subscriber's bill (C7). Reading a bill is safe to retry. */
@ApplicationScoped
public class Billing {

  private final BillingApi api;

  public Billing(@RestClient BillingApi api) {
    this.api = api;
  }

  /** The month's bill in kopecks; empty when the subscriber has none. */
  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public OptionalLong bill(String msisdn, YearMonth month) {
    try {
      return OptionalLong.of(api.bill(msisdn, month.toString()).amountKopecks());
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }
}
