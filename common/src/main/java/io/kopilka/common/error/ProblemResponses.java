package io.kopilka.common.error;

import jakarta.ws.rs.core.Response;

/** Builds JAX-RS responses carrying a {@link Problem}. */
public final class ProblemResponses {

  private ProblemResponses() {}

  public static Response of(Problem problem) {
    Response.ResponseBuilder builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (problem.status() == 401) {
      builder.header("WWW-Authenticate", "Bearer");
    }
    return builder.build();
  }

  public static Response of(int status, String code, String title, String detail) {
    return of(Problem.of(status, code, title, detail));
  }
}
