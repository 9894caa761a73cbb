package io.kopilka.bonus;

import io.kopilka.common.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** bonus-service serves its committed contract; see {@link OpenApiContract}. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {}
