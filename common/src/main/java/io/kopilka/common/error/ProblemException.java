package io.kopilka.common.error;

/**
 * A business failure with a stable code, rendered as problem+json. Thrown from the service layer;
 * the transaction rolls back, so nothing is written.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(int status, String code, String title, String detail) {
    this(Problem.of(status, code, title, detail));
  }

  public ProblemException(Problem problem) {
    super(problem.code() + ": " + problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(400, code, "Bad request", detail);
  }

  /** One invalid field, reported like a bean-validation failure ({@code request.invalid}). */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(
                400, "request.invalid", "Invalid request", "Field '" + field + "' " + message + ".")
            .withViolations(java.util.List.of(new Problem.Violation(field, message))));
  }

  public static ProblemException notFound(String code, String detail) {
    return new ProblemException(404, code, "Not found", detail);
  }

  public static ProblemException conflict(String code, String detail) {
    return new ProblemException(409, code, "Conflict", detail);
  }

  public static ProblemException unprocessable(String code, String detail) {
    return new ProblemException(422, code, "Unprocessable request", detail);
  }
}
