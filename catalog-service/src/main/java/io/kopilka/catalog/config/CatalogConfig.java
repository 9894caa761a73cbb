package io.kopilka.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Catalogue and redemption settings. */
@ConfigMapping(prefix = "kopilka.catalog")
public interface CatalogConfig {

  /**
   * How long bonus-service keeps an order's points held. Fulfilment that can't finish within it
   * (the provisioning gateway down all that time) is given up and the points are released.
   */
  @WithDefault("PT1H")
  Duration holdTtl();

  /** Fulfilment is given up this long before the hold expires, so the void always comes first. */
  @WithDefault("PT5M")
  Duration giveUpBeforeHoldExpiry();

  /** A redemption whose saga has not moved for this long is taken over by the recovery job. */
  @WithDefault("PT1M")
  Duration recoveryAfter();

  /** At most this many redemptions per run of the recovery job. */
  @WithDefault("100")
  int recoveryBatch();

  /**
   * The 256-bit key (base64) that encrypts certificate codes and keys their duplicate check. From a
   * Kubernetes Secret in production; changing it makes the stored codes unreadable.
   */
  String certificateKey();

  /** The operator's provisioning gateway, which switches rewards on for a number. */
  Provisioning provisioning();

  /** How catalog-service authenticates to the provisioning gateway. */
  interface Provisioning {
    /**
     * The {@code Authorization} header it expects; required in production, none for the stand-in.
     */
    Optional<String> authorization();
  }

  /**
   * Serves a stand-in provisioning gateway under {@code /dev/provisioning} that can be told to
   * refuse or fail. Never set in production.
   */
  @WithDefault("false")
  boolean devProvisioning();
}
