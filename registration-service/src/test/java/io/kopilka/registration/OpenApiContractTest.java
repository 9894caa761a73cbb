package io.kopilka.registration;

import io.kopilka.common.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** registration-service serves its committed contract; see {@link OpenApiContract}. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {}
