package io.kopilka.cashback.service;

import io.kopilka.common.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): {@code webhook-signature} holds
 * one or more space-separated {@code v1,<base64 HMAC-SHA256>} over {@code
 * <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the base64 bytes after a secret's {@code
 * whsec_} prefix. A timestamp more than the tolerance away from now is refused, so a captured
 * delivery cannot be replayed later.
 */
public final class WebhookSignatures {

  public static final String PREFIX = "whsec_";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final int SECRET_BYTES = 32;

  private WebhookSignatures() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret(SecureRandom random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code v1,...} signature of a delivery; what a partner computes. */
  public static String sign(String secret, String webhookId, long timestamp, byte[] body) {
    byte[] mac = hmacSha256(key(secret), signedContent(webhookId, Long.toString(timestamp), body));
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  /**
   * Checks a delivery's headers against the partner's valid secrets at {@code now}; throws a 401
   * problem saying what is wrong, so that nothing is read or written for an unsigned request.
   */
  public static void verify(
      Collection<String> secrets,
      String webhookId,
      String timestamp,
      String signatureHeader,
      byte[] body,
      Instant now) {
    if (blank(webhookId) || blank(timestamp) || blank(signatureHeader)) {
      throw unauthorized(
          "webhook.signature-missing",
          "The webhook-id, webhook-timestamp and webhook-signature headers are all required.");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw unauthorized(
          "webhook.timestamp-invalid",
          "webhook-timestamp must be the send time in whole seconds since the Unix epoch.");
    }
    long skew = seconds - now.getEpochSecond();
    if (skew < -TOLERANCE.toSeconds()) {
      throw unauthorized(
          "webhook.timestamp-stale",
          "webhook-timestamp is more than 5 minutes in the past; sign each attempt afresh.");
    }
    if (skew > TOLERANCE.toSeconds()) {
      throw unauthorized(
          "webhook.timestamp-future",
          "webhook-timestamp is more than 5 minutes in the future; check the sender's clock.");
    }
    byte[] content = signedContent(webhookId, timestamp.trim(), body);
    for (String secret : secrets) {
      byte[] expected = hmacSha256(key(secret), content);
      for (String candidate : signatureHeader.trim().split(" +")) {
        if (candidate.startsWith("v1,") && matches(expected, candidate.substring(3))) {
          return;
        }
      }
    }
    throw unauthorized(
        "webhook.signature-invalid",
        "No v1 signature in webhook-signature matches the body with a current secret of this"
            + " partner.");
  }

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The key bytes of a {@code whsec_} secret. */
  static byte[] key(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  private static byte[] signedContent(String webhookId, String timestamp, byte[] body) {
    byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  /** Constant-time comparison of the expected MAC with a base64 candidate. */
  private static boolean matches(byte[] expected, String candidate) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(candidate);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static ProblemException unauthorized(String code, String detail) {
    return new ProblemException(401, code, "Webhook not authenticated", detail);
  }
}
