package io.kopilka.cashback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Cashback settings; defaults follow DOMAIN.md C1-C5 (values marked "ours" there). */
@ConfigMapping(prefix = "kopilka.cashback")
public interface CashbackConfig {

  /** A new partner's attribution window when none is given (C3). */
  @WithDefault("30")
  int defaultAttributionDays();

  /** How long a rotated-out webhook secret stays valid when the rotation names no overlap. */
  @WithDefault("PT24H")
  Duration secretOverlap();

  /** Offers added within this period are "new" (C2). */
  @WithDefault("P30D")
  Duration newOfferPeriod();

  /** Clicks within this period rank offers as "popular" (C2). */
  @WithDefault("P30D")
  Duration popularPeriod();
}
