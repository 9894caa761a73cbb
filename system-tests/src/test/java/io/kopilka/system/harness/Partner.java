package io.kopilka.system.harness;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner shop's side of the webhook: it reports purchases to cashback-service signed with its
 * secret, as docs/partner-webhooks.md tells partners to (Standard Webhooks, HMAC-SHA256 over {@code
 * id.timestamp.body}).
 */
public final class Partner {

  private final String cashbackUrl;
  private final String id;
  private final byte[] key;

  Partner(String cashbackUrl, String id, String secret) {
    this.cashbackUrl = cashbackUrl;
    this.id = id;
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
  }

  public String id() {
    return id;
  }

  /** A conversion report's body, exactly as it is signed and sent. */
  public static String report(
      String clickId, String orderId, long amountKopecks, String status, Instant occurredAt) {
    return String.format(
        Locale.ROOT,
        "{\"clickId\":\"%s\",\"orderId\":\"%s\",\"amountKopecks\":%d,\"currency\":\"RUB\","
            + "\"status\":\"%s\",\"occurredAt\":\"%s\"}",
        clickId,
        orderId,
        amountKopecks,
        status,
        occurredAt);
  }

  /** Sends {@code body} as a new delivery (a fresh {@code webhook-id}). */
  public Response send(String body) {
    return deliver("msg_" + UUID.randomUUID(), body);
  }

  /** Sends {@code body} under {@code webhookId}: a partner's retry reuses the id. */
  public Response deliver(String webhookId, String body) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    return given()
        .baseUri(cashbackUrl)
        .header("webhook-id", webhookId)
        .header("webhook-timestamp", timestamp)
        .header("webhook-signature", "v1," + sign(webhookId + "." + timestamp + "." + body))
        .contentType("application/json")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/webhooks/v1/partners/" + id + "/conversions");
  }

  private String sign(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
