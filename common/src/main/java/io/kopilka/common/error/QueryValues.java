package io.kopilka.common.error;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters with a fixed set of values. JAX-RS answers 404 to a value it can't convert; a
 * client deserves a 400 that names the parameter and its values.
 */
public final class QueryValues {

  private QueryValues() {}

  /** The constant named {@code value}, null when absent, or a 400 listing the allowed values. */
  public static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      String allowed =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      throw ProblemException.invalid(name, "must be one of " + allowed);
    }
  }
}
