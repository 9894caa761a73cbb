package io.kopilka.catalog;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.EmbeddedPostgresResource;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Every test of this module runs on a real PostgreSQL, with test keys and a settable clock, against
 * the real bonus-service running as a process, and with this service's stand-in provisioning
 * gateway.
 */
@QuarkusTestResource(
    value = EmbeddedPostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "catalog"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(BonusServiceProcess.class)
public class TestSetup {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return MutableClock.INSTANCE;
  }
}
