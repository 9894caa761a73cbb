package io.kopilka.common.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can set. While unset it follows the system clock, so tests that do not care about
 * time see the real one. Produce it as an {@code @Alternative} for the service's {@link Clock}.
 */
public final class MutableClock extends Clock {

  public static final MutableClock INSTANCE = new MutableClock();

  private volatile Instant fixed;

  private MutableClock() {}

  public void set(Instant instant) {
    fixed = instant;
  }

  /** Back to the system clock. */
  public void reset() {
    fixed = null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Kopilka works in UTC instants");
  }

  @Override
  public Instant instant() {
    Instant f = fixed;
    return f == null ? Instant.now() : f;
  }
}
