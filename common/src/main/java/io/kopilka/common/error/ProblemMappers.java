package io.kopilka.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem+json with a stable {@code code}. Nothing here echoes
 * stack traces, SQL or internal class names to the caller; an unexpected exception is a bug, logged
 * with an id that the 500 response quotes.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return ProblemResponses.of(e.problem());
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<Problem.Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.Violation::field))
            .toList();
    return ProblemResponses.of(
        Problem.of(
                400,
                "request.invalid",
                "Invalid request",
                "The request has " + violations.size() + " invalid field(s); see violations.")
            .withViolations(violations));
  }

  @ServerExceptionMapper
  public Response unknownProperty(UnrecognizedPropertyException e) {
    String field = pathOf(e);
    return ProblemResponses.of(
        Problem.of(
                400,
                "request.unknown-property",
                "Unknown property",
                "Property '" + field + "' is not part of this request.")
            .withViolations(List.of(new Problem.Violation(field, "unknown property"))));
  }

  @ServerExceptionMapper
  public Response invalidFormat(InvalidFormatException e) {
    return wrongValue(e);
  }

  @ServerExceptionMapper
  public Response valueInstantiation(ValueInstantiationException e) {
    return wrongValue(e);
  }

  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e) {
    if (e.getPath().isEmpty()) {
      return malformed();
    }
    return wrongValue(e);
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonParseException e) {
    return malformed();
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return e instanceof JsonMappingException m && !m.getPath().isEmpty()
        ? wrongValue(m)
        : malformed();
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthenticated();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthenticated();
  }

  @ServerExceptionMapper
  public Response authenticationCompletion(AuthenticationCompletionException e) {
    return unauthenticated();
  }

  /** Another request changed the same record first; nothing of this one was written. */
  @ServerExceptionMapper
  public Response concurrentChange(OptimisticLockException e) {
    LOG.debug("Concurrent change", e);
    return ProblemResponses.of(
        409,
        "request.concurrent-change",
        "Conflict",
        "Another request changed the same record at the same moment; nothing was changed. Retry.");
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return ProblemResponses.of(
        403, "auth.forbidden", "Forbidden", "Your role does not allow this operation.");
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return json(json);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e);
    }
    return ProblemResponses.of(
        status,
        switch (status) {
          case 401 -> "auth.unauthenticated";
          case 403 -> "auth.forbidden";
          case 404 -> "request.not-found";
          case 405 -> "request.method-not-allowed";
          case 406 -> "request.not-acceptable";
          case 415 -> "request.unsupported-media-type";
          default -> "request.bad-request";
        },
        Response.Status.fromStatusCode(status) == null
            ? "Bad request"
            : Response.Status.fromStatusCode(status).getReasonPhrase(),
        switch (status) {
          case 404 -> "No resource at this path.";
          case 405 -> "This path does not support the HTTP method.";
          case 415 -> "Send the request body as application/json.";
          default -> "The request cannot be processed as sent.";
        });
  }

  @ServerExceptionMapper(priority = Integer.MAX_VALUE)
  public Response unexpected(Throwable e) {
    if (poolExhausted(e)) {
      // overload, not a bug: every connection stayed busy for the pool's acquisition timeout
      LOG.warnf(
          "No database connection free in time: %s answered 503", e.getClass().getSimpleName());
      return Response.fromResponse(
              ProblemResponses.of(
                  503,
                  "service.busy",
                  "Service busy",
                  "The service has more requests than it can take now; retry after a second."))
          .header("Retry-After", "1")
          .build();
    }
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected error %s", id);
    return ProblemResponses.of(
        500,
        "internal.error",
        "Internal error",
        "An unexpected error occurred; quote " + id + " to the operator.");
  }

  /**
   * Whether the failure is the connection pool's acquisition timeout (Agroal's "Sorry, acquisition
   * timeout!"), anywhere in the cause chain.
   */
  static boolean poolExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException
          && String.valueOf(t.getMessage()).contains("acquisition timeout")) {
        return true;
      }
    }
    return false;
  }

  private static Response unauthenticated() {
    return ProblemResponses.of(
        401,
        "auth.unauthenticated",
        "Unauthenticated",
        "A valid bearer token is required: send 'Authorization: Bearer <token>'.");
  }

  private static Response malformed() {
    return ProblemResponses.of(
        400, "request.malformed-json", "Malformed JSON", "The request body is not valid JSON.");
  }

  private static Response wrongValue(JsonMappingException e) {
    String field = pathOf(e);
    String message =
        e instanceof InvalidFormatException f && f.getTargetType() != null
            ? "expected " + describe(f.getTargetType())
            : "has a wrong type or value";
    return ProblemResponses.of(
        Problem.of(
                400,
                "request.invalid-value",
                "Invalid value",
                "Field '" + field + "' " + message + ".")
            .withViolations(List.of(new Problem.Violation(field, message))));
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      StringBuilder names = new StringBuilder("one of ");
      for (int i = 0; i < constants.length; i++) {
        names.append(i == 0 ? "" : ", ").append(constants[i]);
      }
      return names.toString();
    }
    return switch (type.getSimpleName()) {
      case "long", "Long", "int", "Integer" -> "an integer";
      case "Instant", "OffsetDateTime" -> "an ISO-8601 instant such as 2026-01-31T10:15:30Z";
      case "LocalDate" -> "an ISO-8601 date such as 1990-05-17";
      case "UUID" -> "a UUID";
      case "boolean", "Boolean" -> "true or false";
      default -> "a " + type.getSimpleName();
    };
  }

  /** The JSON path of a mapping failure, e.g. {@code events[2].amountKopecks}. */
  public static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "body" : path.toString();
  }

  /**
   * {@code accrue.request.events[2].amountKopecks} becomes {@code events[2].amountKopecks}: the
   * method and body parameter names mean nothing to a caller. A query or path parameter keeps its
   * own name.
   */
  static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString().replace(".<list element>", "");
    Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
    if (nodes.hasNext() && nodes.next().getKind() == ElementKind.METHOD) {
      path = path.substring(path.indexOf('.') + 1);
      int dot = path.indexOf('.');
      path = dot < 0 ? path : path.substring(dot + 1);
    }
    return path.isEmpty() ? "body" : path;
  }
}
