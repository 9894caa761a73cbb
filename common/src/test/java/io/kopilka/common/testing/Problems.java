package io.kopilka.common.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {

  private Problems() {}

  /** The response is {@code application/problem+json} with this status and code. */
  public static ValidatableResponse assertProblem(
      ValidatableResponse response, int status, String code) {
    return response
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(status))
        .body("code", equalTo(code))
        .body("type", equalTo("urn:kopilka:problem:" + code))
        .body("title", notNullValue())
        .body("detail", notNullValue());
  }

  /** As {@link #assertProblem(ValidatableResponse, int, String)}, for a response kept for more. */
  public static ValidatableResponse assertProblem(Response response, int status, String code) {
    return assertProblem(response.then(), status, code);
  }
}
