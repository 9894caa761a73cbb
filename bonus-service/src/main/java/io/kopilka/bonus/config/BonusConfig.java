package io.kopilka.bonus.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Programme values of the ledger; DOMAIN.md marks the *ours* ones. */
@ConfigMapping(prefix = "kopilka.bonus")
public interface BonusConfig {

  /** Card spend (kopecks) beyond which the one-time card bonus is credited (A5). */
  @WithDefault("300000")
  long cardBonusThresholdKopecks();

  /** The one-time card bonus (A5). */
  @WithDefault("1000")
  long cardBonusPoints();

  /** The yearly birthday bonus (R7). */
  @WithDefault("100")
  long birthdayPoints();

  /** A hold's lifetime when the caller does not give one. */
  @WithDefault("PT15M")
  Duration holdTtl();

  /** The longest hold a caller may ask for. */
  @WithDefault("PT24H")
  Duration holdMaxTtl();

  /** How long accrual rules are cached; an admin change is in force everywhere after this. */
  @WithDefault("PT5S")
  Duration rulesCacheTtl();
}
