package io.kopilka.cashback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

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

  /** Savings goals a member may have at once (C7). */
  @WithDefault("10")
  int maxSavingsGoals();

  /** A bill payment whose attempt failed midway is tried again after this long (C7). */
  @WithDefault("PT5M")
  Duration billPaymentRetryAfter();

  /** The operator's billing gateway, which the phone bill is read from (C7). */
  Billing billing();

  /** How cashback-service authenticates to the billing gateway. */
  interface Billing {
    /**
     * The {@code Authorization} header it expects; required in production, none for the stand-in.
     */
    Optional<String> authorization();
  }

  /**
   * Serve the stand-in billing gateway at {@code /dev/billing}; local runs and tests only, never in
   * production.
   */
  @WithDefault("false")
  boolean devBilling();

  /** The stand-in billing gateway's bill for a number it was not told about. */
  @WithDefault("45000")
  long devBillKopecks();

  /**
   * Load the invented demo partners of {@code demo-partners.sql} at start; local runs only, never
   * in production.
   */
  @WithDefault("false")
  boolean demoPartners();
}
