package io.kopilka.common.time;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The "now" of date constraints ({@code @Past}, {@code @PastOrPresent}): the service's one {@link
 * Clock} in the programme's zone. Without it Hibernate Validator reads the system clock in the
 * JVM's zone (UTC in a pod), so between midnight in Moscow and midnight in UTC a purchase made
 * today in Moscow was refused as being in the future.
 */
@Singleton
public class ValidationClock implements ClockProvider {

  private final Clock clock;

  public ValidationClock(Provider<Clock> instants, Provider<ProgrammeTime> time) {
    this.clock = new Deferred(instants, time, null);
  }

  @Override
  public Clock getClock() {
    return clock;
  }

  /**
   * The validators take the clock when the validator factory is built, at static init, before
   * configuration mappings exist: the service's clock and zone are looked up when it is read.
   */
  private static final class Deferred extends Clock {
    private final Provider<Clock> instants;
    private final Provider<ProgrammeTime> time;
    private final ZoneId zone;

    Deferred(Provider<Clock> instants, Provider<ProgrammeTime> time, ZoneId zone) {
      this.instants = instants;
      this.time = time;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone != null ? zone : time.get().zone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new Deferred(instants, time, zone);
    }

    @Override
    public Instant instant() {
      return instants.get().instant();
    }
  }
}
