package io.kopilka.common.outbox;

import io.kopilka.common.jobs.Job;
import io.kopilka.common.security.ServiceTokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Delivers outbox messages: {@code POST} with the message id as {@code Idempotency-Key} and a
 * {@code service} token. A failure is retried with exponential back-off; after the last attempt the
 * message is parked and shown to admins ({@code /api/v1/admin/<service>/outbox}).
 *
 * <p>A claimed batch is split into one lane per destination. Lanes run concurrently, so a slow or
 * failing destination does not hold up the others; within a lane the messages go one after another
 * in the order they were claimed (oldest due first), which receivers rely on in the common case. A
 * lane stops at its first failure: that message counts an attempt and waits for its back-off, and
 * the lane's later messages are released to the same retry time without counting an attempt, so
 * they stay behind it. The batch's deliveries are recorded in one statement. The run goes on to the
 * next batch while a batch was full and delivered something; what failed or was released is due
 * only later, so the next claim takes other messages.
 */
@ApplicationScoped
public class OutboxRelay implements Job {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** One destination's messages of a batch and what became of them. */
  private record Lane(
      List<OutboxStore.Claimed> delivered,
      OutboxStore.Claimed failed,
      String error,
      List<OutboxStore.Claimed> released) {}

  private final OutboxStore store;
  private final OutboxConfig config;
  private final ServiceTokens tokens;
  private final Clock clock;
  private final HttpClient http;
  private final ExecutorService lanes;

  public OutboxRelay(OutboxStore store, OutboxConfig config, ServiceTokens tokens, Clock clock) {
    this.store = store;
    this.config = config;
    this.tokens = tokens;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    this.lanes =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "outbox-lane");
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void stop() {
    lanes.shutdownNow();
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
    long released = 0;
    List<OutboxStore.Claimed> batch;
    List<OutboxStore.Claimed> batchDelivered;
    do {
      Instant now = asOf.plusNanos(System.nanoTime() - started);
      batch = store.claim(now, now.plus(lease()), config.batchSize());
      List<Lane> outcome = deliver(batch);
      batchDelivered = outcome.stream().flatMap(lane -> lane.delivered().stream()).toList();
      store.delivered(batchDelivered, clock.instant());
      delivered += batchDelivered.size();
      for (Lane lane : outcome) {
        if (lane.failed() != null) {
          // back-off from the run's clock as it is now, after the batch's deliveries, so that the
          // next claim does not take the message again at once
          failed(lane, asOf.plusNanos(System.nanoTime() - started));
          failed++;
          released += lane.released().size();
        }
      }
    } while (batch.size() == config.batchSize() && !batchDelivered.isEmpty());
    return new Result(
        delivered, delivered + " delivered, " + failed + " failed, " + released + " released");
  }

  /** Delivers the lanes of {@code batch} concurrently. */
  private List<Lane> deliver(List<OutboxStore.Claimed> batch) {
    Map<String, List<OutboxStore.Claimed>> byDestination = new LinkedHashMap<>();
    for (OutboxStore.Claimed message : batch) {
      byDestination.computeIfAbsent(message.destination(), d -> new ArrayList<>()).add(message);
    }
    List<CompletableFuture<Lane>> running =
        byDestination.values().stream()
            .map(messages -> CompletableFuture.supplyAsync(() -> deliverLane(messages), lanes))
            .toList();
    return running.stream().map(CompletableFuture::join).toList();
  }

  /** Delivers one destination's messages in order, up to the first failure. */
  private Lane deliverLane(List<OutboxStore.Claimed> messages) {
    for (int i = 0; i < messages.size(); i++) {
      OutboxStore.Claimed message = messages.get(i);
      String error = post(message);
      if (error != null) {
        return new Lane(
            messages.subList(0, i), message, error, messages.subList(i + 1, messages.size()));
      }
    }
    return new Lane(messages, null, null, List.of());
  }

  private void failed(Lane lane, Instant now) {
    OutboxStore.Claimed message = lane.failed();
    int attempt = message.attempts() + 1;
    boolean park = attempt >= config.maxAttempts();
    store.failed(message, lane.error(), park, now.plus(backoff(attempt)), lane.released());
    if (park) {
      LOG.errorf(
          "Outbox message %s to %s%s parked after %d attempts: %s",
          message.id(), message.destination(), message.path(), attempt, lane.error());
    } else {
      LOG.warnf(
          "Outbox message %s to %s%s failed (attempt %d, %d later ones released): %s",
          message.id(),
          message.destination(),
          message.path(),
          attempt,
          lane.released().size(),
          lane.error());
    }
  }

  /** {@code null} on success, else what went wrong. */
  private String post(OutboxStore.Claimed message) {
    OutboxConfig.Destination destination = config.destinations().get(message.destination());
    if (destination == null) {
      return "no URL configured for destination '" + message.destination() + "'";
    }
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

  /**
   * Long enough for a whole batch to time out, one message after another (the worst case of its
   * longest lane).
   */
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
