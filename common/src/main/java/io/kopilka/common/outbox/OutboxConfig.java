package io.kopilka.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The transactional outbox and its relay. */
@ConfigMapping(prefix = "kopilka.outbox")
public interface OutboxConfig {

  /** Where each logical destination lives, e.g. {@code registration -> http://localhost:8081}. */
  Map<String, Destination> destinations();

  /** Messages claimed per relay pass. */
  @WithDefault("50")
  int batchSize();

  /** Delivery attempts before a message is parked for an operator. */
  @WithDefault("12")
  int maxAttempts();

  /** Wait before the second attempt; doubles with every further attempt. */
  @WithDefault("PT1S")
  Duration initialBackoff();

  /** Upper bound of the wait between attempts. */
  @WithDefault("PT10M")
  Duration maxBackoff();

  /** How long a claimed message is invisible to other relays while it is being delivered. */
  @WithDefault("PT1M")
  Duration lease();

  /** How long delivered messages are kept (see {@link OutboxPurgeJob}). */
  @WithDefault("P7D")
  Duration deliveredRetention();

  /** Connect and request timeout of one delivery. */
  @WithDefault("PT5S")
  Duration timeout();

  /** A destination: another Kopilka service, or an external provider. */
  interface Destination {
    /** Base URL, e.g. {@code http://registration-service:8080}. */
    String url();

    /**
     * Whether this is a Kopilka service, which gets a {@code service} token. An external provider
     * must never see one: it would open every service's internal API to it.
     */
    @WithDefault("true")
    boolean kopilkaService();

    /** The {@code Authorization} header an external provider expects (e.g. its API key). */
    Optional<String> authorization();
  }
}
