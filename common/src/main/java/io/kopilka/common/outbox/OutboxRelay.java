package io.kopilka.common.outbox;

import io.kopilka.common.jobs.Job;
import io.kopilka.common.security.ServiceTokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Delivers outbox messages: {@code POST} with the message id as {@code Idempotency-Key} and a
 * {@code service} token. A failure is retried with exponential back-off; after the last attempt the
 * message is parked and shown to admins ({@code /api/v1/admin/<service>/outbox}).
 */
@ApplicationScoped
public class OutboxRelay implements Job {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final OutboxStore store;
  private final OutboxConfig config;
  private final ServiceTokens tokens;
  private final Clock clock;
  private final HttpClient http;

  public OutboxRelay(OutboxStore store, OutboxConfig config, ServiceTokens tokens, Clock clock) {
    this.store = store;
    this.config = config;
    this.tokens = tokens;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  @Override
  public String name() {
    return "outbox-relay";
  }

  @Scheduled(
      every = "${kopilka.jobs.outbox-relay.every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    run(clock.instant());
  }

  /**
   * Delivers every message due at {@code asOf}, batch after batch. The run's clock starts at {@code
   * asOf} and moves with real time, so a long run takes fresh leases.
   */
  @Override
  public Result run(Instant asOf) {
    long started = System.nanoTime();
    long delivered = 0;
    long failed = 0;
    List<OutboxStore.Claimed> batch;
    do {
      Instant now = asOf.plusNanos(System.nanoTime() - started);
      batch = store.claim(now, now.plus(lease()), config.batchSize());
      for (OutboxStore.Claimed message : batch) {
        if (deliver(message, now)) {
          delivered++;
        } else {
          failed++;
        }
      }
    } while (batch.size() == config.batchSize() && failed == 0);
    return new Result(delivered, delivered + " delivered, " + failed + " failed");
  }

  private boolean deliver(OutboxStore.Claimed message, Instant asOf) {
    OutboxConfig.Destination destination = config.destinations().get(message.destination());
    String error;
    if (destination == null) {
      error = "no URL configured for destination '" + message.destination() + "'";
    } else {
      error = post(destination, message);
    }
    if (error == null) {
      store.delivered(message, clock.instant());
      return true;
    }
    int attempt = message.attempts() + 1;
    boolean park = attempt >= config.maxAttempts();
    store.failed(message, error, park, asOf.plus(backoff(attempt)));
    if (park) {
      LOG.errorf(
          "Outbox message %s to %s%s parked after %d attempts: %s",
          message.id(), message.destination(), message.path(), attempt, error);
    } else {
      LOG.warnf(
          "Outbox message %s to %s%s failed (attempt %d): %s",
          message.id(), message.destination(), message.path(), attempt, error);
    }
    return false;
  }

  /** {@code null} on success, else what went wrong. */
  private String post(OutboxConfig.Destination destination, OutboxStore.Claimed message) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(destination.url() + message.path()))
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", message.id().toString())
              .POST(HttpRequest.BodyPublishers.ofString(message.payload()));
      Optional<String> authorization =
          destination.kopilkaService() ? Optional.of(tokens.bearer()) : destination.authorization();
      authorization.ifPresent(value -> request.header("Authorization", value));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return null;
      }
      return "HTTP " + response.statusCode() + ": " + response.body();
    } catch (IOException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Long enough for a whole batch to time out, one message after another. */
  private Duration lease() {
    Duration batch = config.timeout().multipliedBy(config.batchSize() + 1L);
    return batch.compareTo(config.lease()) > 0 ? batch : config.lease();
  }

  /** initial × 2^(attempt-1), at most {@code maxBackoff}. */
  Duration backoff(int attempt) {
    Duration wait = config.initialBackoff();
    for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
  }
}
