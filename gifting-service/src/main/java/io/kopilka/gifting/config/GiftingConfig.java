package io.kopilka.gifting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Gift limits and confirmation codes; defaults are the programme's rules (DOMAIN.md G). */
@ConfigMapping(prefix = "kopilka.gifting")
public interface GiftingConfig {

  /** Rule G2: the most points one gift may carry. */
  @WithDefault("3000")
  long maxPointsPerGift();

  /** Rule G3: the most points a member may gift within a programme day. */
  @WithDefault("3000")
  long maxPointsPerDay();

  /** Rule G4: the most gifts a member may make within a calendar month. */
  @WithDefault("10")
  int maxGiftsPerMonth();

  /**
   * Gifts a sender may have awaiting confirmation at once: each sends an SMS and gets its own five
   * tries, so this bounds both the SMS and the guesses one member can cause.
   */
  @WithDefault("10")
  int maxAwaitingGifts();

  /** How long a confirmation code is valid; an unconfirmed gift then expires. */
  @WithDefault("PT5M")
  Duration codeTtl();

  /** Wrong codes after which the gift is void. */
  @WithDefault("5")
  int maxWrongCodes();

  /** A confirmed gift whose transfer has not finished for this long is retried by a job. */
  @WithDefault("PT1M")
  Duration recoveryAfter();
}
