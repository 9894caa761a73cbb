package io.kopilka.registration;

import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Calls of the registration-service API that tests share. */
final class Api {

  private Api() {}

  /** The web form of an adult who consents, with an e-mail address. */
  static Map<String, Object> form() {
    Map<String, Object> form = new HashMap<>();
    form.put("name", "Анна Петрова");
    form.put("birthDate", "1990-05-17");
    form.put("email", "anna@example.ru");
    form.put("consent", true);
    return form;
  }

  /** Applies on the web form; returns the membership id. */
  static UUID apply(String msisdn) {
    return apply(msisdn, form());
  }

  static UUID apply(String msisdn, Map<String, Object> form) {
    return UUID.fromString(
        asMember(msisdn)
            .body(form)
            .post("/api/v1/members")
            .then()
            .statusCode(201)
            .extract()
            .path("membershipId"));
  }

  static void approve(UUID membershipId) {
    as("support")
        .post("/api/v1/admin/registration/members/" + membershipId + "/approval")
        .then()
        .statusCode(200);
  }

  /** A web member whose application a reviewer approved. */
  static UUID activeWebMember(String msisdn) {
    UUID id = apply(msisdn);
    approve(id);
    return id;
  }

  static String ussd(String msisdn, String request) {
    return as("channel-gateway")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("msisdn", msisdn, "request", request))
        .post("/api/v1/channels/ussd")
        .then()
        .statusCode(200)
        .extract()
        .path("reply");
  }

  static String sms(String from, String text) {
    return as("channel-gateway")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("from", from, "to", "4555", "text", text))
        .post("/api/v1/channels/sms")
        .then()
        .statusCode(200)
        .extract()
        .path("reply");
  }

  /** {@code inviter} invites {@code friend} (rule R6); the answer as it came. */
  static io.restassured.response.Response invite(String inviter, String friend) {
    return asMember(inviter).body(Map.of("msisdn", friend)).post("/api/v1/members/me/invitations");
  }

  /** The member's invitations, newest first. */
  static io.restassured.path.json.JsonPath invitations(String inviter) {
    return asMember(inviter)
        .get("/api/v1/members/me/invitations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The types of the events of the number's newest membership, oldest first. */
  static java.util.List<String> events(String msisdn) {
    return as("support")
        .get("/api/v1/admin/registration/members?msisdn=" + msisdn)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("[0].events.type");
  }

  static io.restassured.path.json.JsonPath runJob(String job, Instant asOf) {
    return as("admin")
        .queryParam("asOf", asOf.toString())
        .post("/api/v1/admin/registration/jobs/" + job)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
