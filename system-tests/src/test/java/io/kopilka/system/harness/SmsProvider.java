package io.kopilka.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator's SMS provider: registration-service posts {@code {to, from, text}} to {@code
 * /messages} with the message's id as {@code Idempotency-Key}. It keeps every message it accepted,
 * and can be made to fail (503) for a while.
 */
public final class SmsProvider extends HttpStub {

  /** A message the provider accepted. */
  public record Sms(String key, String to, String from, String text, Instant at) {}

  private final List<Sms> accepted = new ArrayList<>();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicInteger refused = new AtomicInteger();

  SmsProvider() {
    super("Bearer sms-provider-key");
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestURI().getPath().equals("/messages")) {
      send(exchange, 404, "{\"code\":\"not-found\"}");
      return;
    }
    JsonNode body = body(exchange);
    if (failing.get()) {
      refused.incrementAndGet();
      send(exchange, 503, "{\"code\":\"unavailable\"}");
      return;
    }
    Sms sms =
        new Sms(
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            body.path("to").asText(),
            body.path("from").asText(),
            body.path("text").asText(),
            Instant.now());
    synchronized (accepted) {
      accepted.add(sms);
    }
    send(exchange, 202, Map.of("id", "sms-" + sms.key()));
  }

  /** While true, every message is answered 503. */
  public void failing(boolean failing) {
    this.failing.set(failing);
  }

  /** How many messages were answered 503 so far. */
  public int refused() {
    return refused.get();
  }

  public List<Sms> all() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  /** Texts sent to {@code msisdn}, oldest first. */
  public List<String> to(String msisdn) {
    return all().stream().filter(s -> s.to().equals(msisdn)).map(Sms::text).toList();
  }

  /** The first group of {@code pattern} in the newest message to {@code msisdn} that has it. */
  public Optional<String> latest(String msisdn, Pattern pattern) {
    List<String> texts = to(msisdn);
    for (int i = texts.size() - 1; i >= 0; i--) {
      Matcher m = pattern.matcher(texts.get(i));
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** How many messages to {@code msisdn} have {@code pattern}. */
  public int count(String msisdn, Pattern pattern) {
    return (int) to(msisdn).stream().filter(text -> pattern.matcher(text).find()).count();
  }

  /** Idempotency keys the provider accepted more than once. */
  public List<String> duplicateKeys() {
    return all().stream()
        .collect(Collectors.groupingBy(Sms::key, Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }
}
