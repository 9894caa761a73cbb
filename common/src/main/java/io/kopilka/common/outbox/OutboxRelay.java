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
 * message the destination refuses (a 4xx about that message, such as 404 or 409) counts an attempt
 * and waits for its back-off while the lane goes on. A failure of the destination itself (no
 * answer, a timeout, a 5xx, 401, 403, 408 or 429) stops the lane: that message counts an attempt
 * and waits for its back-off, and the lane's later messages are released to the same retry time
 * without counting an attempt, so they stay behind it. The batch's deliveries are recorded in one
 * statement. The run goes on to the next batch while a batch was full and delivered something; what
 * failed or was released is due only later, so the next claim takes other messages.
 */
@ApplicationScoped
public class OutboxRelay implements Job {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /**
   * Why a delivery failed; {@code stopsLane} when the destination rather than the message is at
   * fault (unreachable, timing out, 5xx, throttling or refusing our credentials), so the messages
   * behind it would fail the same way.
   */
  private record Failure(String error, boolean stopsLane) {}

  /** A message that failed, and why. */
  private record Failed(OutboxStore.Claimed message, String error) {}

  /**
   * One destination's messages of a batch and what became of them: {@code released} are the ones
   * behind a failure that stopped the lane, which belong with the last of {@code failed}.
   */
  private record Lane(
      List<OutboxStore.Claimed> delivered,
      List<Failed> failed,
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
      // back-off from the run's clock as it is now, after the batch's deliveries, so that the next
      // claim does not take the failed messages again at once
      Instant after = asOf.plusNanos(System.nanoTime() - started);
      for (Lane lane : outcome) {
        for (int i = 0; i < lane.failed().size(); i++) {
          boolean last = i == lane.failed().size() - 1;
          failed(lane.failed().get(i), last ? lane.released() : List.of(), after);
        }
        failed += lane.failed().size();
        released += lane.released().size();
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

  /**
   * Delivers one destination's messages in order. A message the destination refuses (a 4xx about
   * that message) fails alone; a failure of the destination itself stops the lane.
   */
  private Lane deliverLane(List<OutboxStore.Claimed> messages) {
    List<OutboxStore.Claimed> delivered = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      OutboxStore.Claimed message = messages.get(i);
      Failure failure = post(message);
      if (failure == null) {
        delivered.add(message);
        continue;
      }
      failed.add(new Failed(message, failure.error()));
      if (failure.stopsLane()) {
        return new Lane(delivered, failed, messages.subList(i + 1, messages.size()));
      }
    }
    return new Lane(delivered, failed, List.of());
  }

  private void failed(Failed failed, List<OutboxStore.Claimed> released, Instant now) {
    OutboxStore.Claimed message = failed.message();
    int attempt = message.attempts() + 1;
    boolean park = attempt >= config.maxAttempts();
    store.failed(message, failed.error(), park, now.plus(backoff(attempt)), released);
    if (park) {
      LOG.errorf(
          "Outbox message %s to %s%s parked after %d attempts: %s",
          message.id(), message.destination(), message.path(), attempt, failed.error());
    } else {
      LOG.warnf(
          "Outbox message %s to %s%s failed (attempt %d, %d later ones released): %s",
          message.id(),
          message.destination(),
          message.path(),
          attempt,
          released.size(),
          failed.error());
    }
  }

  /** {@code null} on success, else what went wrong. */
  private Failure post(OutboxStore.Claimed message) {
    OutboxConfig.Destination destination = config.destinations().get(message.destination());
    if (destination == null) {
      return new Failure("no URL configured for destination '" + message.destination() + "'", true);
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
      int status = response.statusCode();
      if (status / 100 == 2) {
        return null;
      }
      boolean refusedMessage =
          status / 100 == 4 && status != 401 && status != 403 && status != 408 && status != 429;
      return new Failure("HTTP " + status + ": " + response.body(), !refusedMessage);
    } catch (IOException | IllegalArgumentException e) {
      return new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure("interrupted", true);
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
