package io.kopilka.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signs the short-lived {@code service} tokens a service presents to another service's {@code
 * /internal} endpoints. The signing key is {@code smallrye.jwt.sign.key.location}.
 */
@ApplicationScoped
public class ServiceTokens {

  /** Service identity configuration. */
  @ConfigMapping(prefix = "kopilka.service")
  public interface Config {
    /** This service's short name ({@code bonus}, {@code registration}, ...). */
    String name();

    /** Lifetime of the service tokens this service signs. */
    @WithDefault("PT5M")
    Duration tokenLifetime();

    /** Issuer of the tokens; must match {@code mp.jwt.verify.issuer}. */
    @WithDefault("kopilka")
    String issuer();
  }

  private final Config config;
  private volatile String token;
  private volatile Instant renewAt = Instant.MIN;

  public ServiceTokens(Config config) {
    this.config = config;
  }

  /**
   * A cached token, renewed when half of its lifetime has passed. Token times are wall-clock times
   * (the verifier checks them against its own wall clock), not the business clock.
   */
  public String bearer() {
    Instant now = Instant.now();
    if (token == null || now.isAfter(renewAt)) {
      synchronized (this) {
        if (token == null || now.isAfter(renewAt)) {
          token =
              Jwt.issuer(config.issuer())
                  .subject(config.name() + "-service")
                  .upn(config.name() + "-service")
                  .groups(Set.of(Roles.SERVICE))
                  .issuedAt(now)
                  .expiresIn(config.tokenLifetime())
                  .sign();
          renewAt = now.plus(config.tokenLifetime().dividedBy(2));
        }
      }
    }
    return "Bearer " + token;
  }

  /** This service's short name. */
  public String serviceName() {
    return config.name();
  }
}
