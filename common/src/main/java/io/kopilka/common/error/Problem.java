package io.kopilka.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code code} is the stable machine-readable reason (for example
 * {@code ledger.insufficient-points}); {@code violations} lists invalid fields.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    List<Violation> violations) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:kopilka:problem:";

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(TYPE_PREFIX + code, title, status, detail, code, null, List.of());
  }

  public Problem withViolations(List<Violation> violations) {
    return new Problem(type, title, status, detail, code, instance, List.copyOf(violations));
  }

  /** One invalid field: where it is ({@code events[3].amountKopecks}) and what is wrong. */
  public record Violation(String field, String message) {}
}
