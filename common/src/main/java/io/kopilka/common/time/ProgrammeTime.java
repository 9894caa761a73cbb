package io.kopilka.common.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Business dates in the programme's zone (Europe/Moscow by default): year ends, birthdays, "the 1st
 * of the month", a day for limits. Instants are stored in UTC.
 */
@ApplicationScoped
public class ProgrammeTime {

  /** Configuration of programme time. */
  @ConfigMapping(prefix = "kopilka.time")
  public interface Config {
    /** Zone in which business dates are reckoned. */
    @WithDefault("Europe/Moscow")
    ZoneId zone();
  }

  private final Clock clock;
  private final ZoneId zone;

  public ProgrammeTime(Clock clock, Config config) {
    this.clock = clock;
    this.zone = config.zone();
  }

  public ZoneId zone() {
    return zone;
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return dateOf(now());
  }

  public LocalDate dateOf(Instant instant) {
    return instant.atZone(zone).toLocalDate();
  }

  /** The first instant after the calendar year (in the programme zone) that contains {@code at}. */
  public Instant endOfYear(Instant at) {
    int year = at.atZone(zone).getYear();
    return ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, zone).toInstant();
  }
}
