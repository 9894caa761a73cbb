package io.kopilka.registration.service;

import io.kopilka.common.error.ProblemException;
import java.time.Duration;

/** A 429 refusal: too many of something; try again after {@code retryAfter} (Retry-After). */
public class RateLimited extends ProblemException {

  private final transient Duration retryAfter;

  RateLimited(String code, String detail, Duration retryAfter) {
    super(429, code, "Too many requests", detail);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
