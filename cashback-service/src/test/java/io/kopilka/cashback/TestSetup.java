package io.kopilka.cashback;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.EmbeddedPostgresResource;
import io.kopilka.common.testing.MutableClock;
import io.kopilka.common.testing.RegistrationServiceProcess;
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
 * the real registration-service and bonus-service running as processes.
 */
@QuarkusTestResource(
    value = EmbeddedPostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "cashback"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(BonusServiceProcess.class)
@QuarkusTestResource(RegistrationServiceProcess.class)
public class TestSetup {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return MutableClock.INSTANCE;
  }
}
