package io.kopilka.common.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Requests that every service's tests make: as a role, as a member, for a fresh number. */
public final class Requests {

  private static final AtomicLong NEXT =
      new AtomicLong(79_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000L));

  private Requests() {}

  /** A number no other test of this JVM uses. */
  public static String newMsisdn() {
    return Long.toString(NEXT.incrementAndGet());
  }

  /** A JSON request with a token of {@code role} (subject {@code <role>-test}). */
  public static RequestSpecification as(String role) {
    return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(role));
  }

  /** A JSON request with the member token of {@code msisdn}. */
  public static RequestSpecification asMember(String msisdn) {
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + TestTokens.member(msisdn));
  }
}
