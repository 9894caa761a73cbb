package io.kopilka.catalog;

import io.kopilka.common.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** catalog-service serves its committed contract; see {@link OpenApiContract}. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {}
