package io.kopilka.common.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query rows, whose Java types depend on the driver and Hibernate's mapping. */
public final class SqlValues {

  private SqlValues() {}

  /** A {@code timestamptz} column as an instant; null stays null. */
  public static Instant instant(Object value) {
    if (value == null || value instanceof Instant) {
      return (Instant) value;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return ((Timestamp) value).toInstant();
  }
}
