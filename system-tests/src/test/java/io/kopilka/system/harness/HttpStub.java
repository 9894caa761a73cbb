package io.kopilka.system.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server in the test JVM that plays one of the operator's external systems. Each checks the
 * {@code Authorization} header the services are configured with for it.
 */
abstract class HttpStub implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final String authorization;

  HttpStub(String authorization) {
    this.authorization = authorization;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              send(exchange, 401, "{\"code\":\"unauthorized\"}");
            } else {
              handle(exchange);
            }
          } catch (RuntimeException e) {
            send(exchange, 500, Map.of("code", "stub-failure", "message", e.toString()));
          }
        });
    server.start();
  }

  /** The base URL the services are given. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The {@code Authorization} header value the services must send. */
  String authorization() {
    return authorization;
  }

  abstract void handle(HttpExchange exchange) throws IOException;

  static JsonNode body(HttpExchange exchange) throws IOException {
    return JSON.readTree(exchange.getRequestBody().readAllBytes());
  }

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes =
        (body instanceof String s ? s : JSON.writeValueAsString(body))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (status == 204 || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
