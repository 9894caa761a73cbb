package io.kopilka.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxRelayBackoffTest {

  private final OutboxRelay relay = new OutboxRelay(null, config(), null, null);

  @Test
  void shouldDoubleTheWaitAfterEachFailedAttemptUpToTheMaximum() {
    assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(relay.backoff(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(relay.backoff(11)).isEqualTo(Duration.ofMinutes(5));
    assertThat(relay.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  private static OutboxConfig config() {
    return new OutboxConfig() {
      @Override
      public Map<String, Destination> destinations() {
        return Map.of();
      }

      @Override
      public int batchSize() {
        return 50;
      }

      @Override
      public int maxAttempts() {
        return 12;
      }

      @Override
      public Duration initialBackoff() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration maxBackoff() {
        return Duration.ofMinutes(5);
      }

      @Override
      public Duration lease() {
        return Duration.ofMinutes(1);
      }

      @Override
      public Duration deliveredRetention() {
        return Duration.ofDays(7);
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }
    };
  }
}
