package io.kopilka.gifting;

import io.kopilka.common.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/** gifting-service serves its committed contract; see {@link OpenApiContract}. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {}
