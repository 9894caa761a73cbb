package io.kopilka.registration;

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
 * Every test of this module runs on a real PostgreSQL, with test keys, a settable clock, and
 * WireMock standing in for bonus-service, catalog-service and the SMS provider.
 */
@QuarkusTestResource(
    value = EmbeddedPostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "registration"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(Stubs.class)
public class TestSetup {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return MutableClock.INSTANCE;
  }
}
