package io.kopilka.cashback;

import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.restassured.RestAssured.given;

import io.kopilka.cashback.service.WebhookSignatures;
import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.RegistrationServiceProcess;
import io.kopilka.common.testing.Requests;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls of the cashback-service API that tests share: partners, members, clicks, webhooks. */
final class Cashback {

  private static final AtomicInteger NEXT_PARTNER = new AtomicInteger();

  private Cashback() {}

  /** A partner created through the admin API, with its first webhook secret. */
  record Partner(String id, String secret) {}

  static Map<String, Object> partnerBody(String category, int rateBp, int confirmationDays) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Тестовый партнёр");
    body.put("category", category);
    body.put("rateBasisPoints", rateBp);
    body.put("confirmationDays", confirmationDays);
    body.put("redirectUrlTemplate", "https://shop.example/?click={clickId}");
    return body;
  }

  static Partner partner(String category, int rateBp, int confirmationDays) {
    String id =
        "p" + NEXT_PARTNER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String secret =
        as("partner-admin")
            .body(partnerBody(category, rateBp, confirmationDays))
            .put("/api/v1/admin/cashback/partners/" + id)
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    return new Partner(id, secret);
  }

  static Partner partner() {
    return partner("RETAIL", 1000, 30);
  }

  /** A member who joined by USSD in registration-service (bonus-service holds their account). */
  static String member() {
    String msisdn = Requests.newMsisdn();
    RegistrationServiceProcess.join(msisdn, 0);
    return msisdn;
  }

  /** A number that never joined the programme. */
  static String nonMember() {
    return Requests.newMsisdn();
  }

  static Response click(String msisdn, String partnerId) {
    return asMember(msisdn)
        .body(Map.of("partnerId", partnerId, "source", "APP"))
        .post("/api/v1/clicks");
  }

  static String clickId(String msisdn, String partnerId) {
    return click(msisdn, partnerId).then().statusCode(201).extract().path("clickId");
  }

  static String report(
      String clickId, String orderId, long amountKopecks, String status, Instant occurredAt) {
    return "{\"clickId\":\""
        + clickId
        + "\",\"orderId\":\""
        + orderId
        + "\",\"amountKopecks\":"
        + amountKopecks
        + ",\"currency\":\"RUB\",\"status\":\""
        + status
        + "\",\"occurredAt\":\""
        + occurredAt
        + "\"}";
  }

  /** Posts {@code body} signed with {@code secret} now (the test clock), as Standard Webhooks. */
  static Response deliver(Partner partner, String webhookId, String body) {
    return deliver(partner.id(), partner.secret(), webhookId, body);
  }

  static Response deliver(String partnerId, String secret, String webhookId, String body) {
    long timestamp = MutableClock.INSTANCE.instant().getEpochSecond();
    String signature =
        WebhookSignatures.sign(secret, webhookId, timestamp, body.getBytes(StandardCharsets.UTF_8));
    return given()
        .contentType("application/json")
        .header("webhook-id", webhookId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/webhooks/v1/partners/" + partnerId + "/conversions");
  }

  /** A purchase now, after the click, in the report's status; the delivery's response. */
  static Response purchase(
      Partner partner, String clickId, String orderId, long kopecks, String status) {
    return deliver(
        partner,
        "msg_" + UUID.randomUUID(),
        report(clickId, orderId, kopecks, status, MutableClock.INSTANCE.instant()));
  }

  static long balance(String msisdn) {
    return BonusServiceProcess.account(msisdn).getLong("balance");
  }

  /** Rows of a table matching a where clause, straight from the database. */
  static long count(String table, String where, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              EntityManager em = Arc.container().instance(EntityManager.class).get();
              var query = em.createNativeQuery("select count(*) from " + table + " where " + where);
              for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
              }
              return ((Number) query.getSingleResult()).longValue();
            });
  }
}
