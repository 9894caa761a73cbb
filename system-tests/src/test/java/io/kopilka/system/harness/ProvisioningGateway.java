package io.kopilka.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's provisioning gateway as catalog-service calls it: {@code POST /activations}
 * switches a product on, idempotently by the {@code Idempotency-Key} (the order's id). It can be
 * made to answer slowly. (catalog-service's own tests cover a gateway that refuses or is down.)
 */
public final class ProvisioningGateway extends HttpStub {

  /** An activation it carried out, with how many times it was asked for it. */
  public record Activation(String key, String msisdn, String product, int requests) {}

  private final Map<String, Activation> activations = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  ProvisioningGateway() {
    super("Bearer provisioning-key");
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestURI().getPath().equals("/activations")) {
      send(exchange, 404, "{\"code\":\"not-found\"}");
      return;
    }
    JsonNode body = body(exchange);
    ServiceNode.sleep(delay.toMillis());
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    Activation done =
        activations.compute(
            key,
            (k, earlier) ->
                new Activation(
                    k,
                    body.path("msisdn").asText(),
                    body.path("product").asText(),
                    earlier == null ? 1 : earlier.requests() + 1));
    send(
        exchange,
        200,
        Map.of(
            "activationId", body.path("activationId").asText(), "reference", "prov-" + done.key()));
  }

  /** Every activation answers after {@code delay}. */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Activations carried out, once per order however often asked. */
  public List<Activation> activations() {
    return List.copyOf(activations.values());
  }
}
