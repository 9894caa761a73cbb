package io.kopilka.common.client;

/**
 * What another service answered: a value, or a {@link Refusal}. Failures (timeouts, 5xx, no
 * connection) are exceptions instead, so fault tolerance retries them and counts them against the
 * circuit while a refusal does neither.
 */
public record Answer<T>(T value, Refusal refusal) {

  public static <T> Answer<T> of(T value) {
    return new Answer<>(value, null);
  }

  public static <T> Answer<T> refused(Refusal refusal) {
    return new Answer<>(null, refusal);
  }

  public boolean refused() {
    return refusal != null;
  }
}
