package io.kopilka.cashback;

import io.kopilka.common.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** cashback-service serves its committed contract; see {@link OpenApiContract}. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {}
