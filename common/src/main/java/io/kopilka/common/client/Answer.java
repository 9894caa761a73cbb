package io.kopilka.common.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/**
 * What another service answered: a value, or a {@link Refusal}. Failures (timeouts, 5xx, no
 * connection) are exceptions instead, so fault tolerance retries them and counts them against the
 * circuit while a refusal does neither.
 */
public record Answer<T>(T value, Refusal refusal) {

  public static <T> Answer<T> of(T value) {
    return new Answer<>(value, null);
  }

  /**
   * Runs a REST client call: its value, or its 4xx as a refusal; 5xx and transport failures are
   * thrown on.
   */
  public static <T> Answer<T> from(Supplier<T> call, ObjectMapper json) {
    try {
      return of(call.get());
    } catch (WebApplicationException e) {
      Refusal refusal = Refusal.of(e, json);
      if (refusal == null) {
        throw e;
      }
      return refused(refusal);
    }
  }

  public static <T> Answer<T> refused(Refusal refusal) {
    return new Answer<>(null, refusal);
  }

  public boolean refused() {
    return refusal != null;
  }
}
