package io.kopilka.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.common.testing.OutboxRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the service queued in its outbox for bonus-service and the SMS provider. */
@ApplicationScoped
public class Outbound {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  /** One queued call: where to and with what body. */
  public record Message(String destination, String path, JsonNode body) {}

  private final ObjectMapper json;

  public Outbound(ObjectMapper json) {
    this.json = json;
  }

  /** Texts of the SMS queued to {@code msisdn}, oldest first. */
  public List<String> sms(String msisdn) {
    return messages("sms-gateway", "\"to\":\"" + msisdn + "\"").stream()
        .map(m -> m.body().get("text").asText())
        .toList();
  }

  public String lastSms(String msisdn) {
    List<String> texts = sms(msisdn);
    return texts.isEmpty() ? null : texts.get(texts.size() - 1);
  }

  /** The login code in the newest SMS to {@code msisdn}. */
  public String loginCode(String msisdn) {
    Matcher m = CODE.matcher(lastSms(msisdn));
    if (!m.find()) {
      throw new AssertionError("no code in the last SMS to " + msisdn);
    }
    return m.group(1);
  }

  /** Calls queued for bonus-service that mention {@code text} (a number or membership id). */
  public List<Message> toBonus(String text) {
    return messages("bonus", text);
  }

  /** Credits queued for bonus-service to {@code msisdn}. */
  public List<JsonNode> credits(String msisdn) {
    return toBonus("\"msisdn\":\"" + msisdn + "\"").stream()
        .filter(m -> m.path().equals("/internal/v1/credits"))
        .map(Message::body)
        .toList();
  }

  /** Referral bonuses (rule R6) queued for bonus-service to {@code inviter}. */
  public List<JsonNode> referralCredits(String inviter) {
    return credits(inviter).stream()
        .filter(c -> c.get("reason").asText().equals("REFERRAL"))
        .toList();
  }

  private List<Message> messages(String destination, String contains) {
    return OutboxRows.to(destination, contains).stream()
        .map(r -> new Message(r.destination(), r.path(), read(r.payload())))
        .toList();
  }

  private JsonNode read(String payload) {
    try {
      return json.readTree(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
