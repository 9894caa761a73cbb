package io.kopilka.common.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;

/**
 * A 4xx answer of another service or gateway: a decision, not a failure. {@code code} is its
 * problem code ({@code ledger.insufficient-points}), empty if it sent none.
 */
public record Refusal(int status, String code, String detail) {

  /** Fields of a problem+json document (or a gateway's error body) this service reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Body(String code, String detail, String message) {}

  /** The refusal in a 4xx response; {@code null} for 5xx and anything else, which are failures. */
  public static Refusal of(WebApplicationException e, ObjectMapper json) {
    int status = e.getResponse().getStatus();
    if (status < 400 || status >= 500) {
      return null;
    }
    try {
      Body body = json.readValue(e.getResponse().readEntity(String.class), Body.class);
      String detail = body.detail() != null ? body.detail() : body.message();
      return new Refusal(status, body.code() == null ? "" : body.code(), detail);
    } catch (RuntimeException | java.io.IOException unreadable) {
      return new Refusal(status, "", null);
    }
  }
}
