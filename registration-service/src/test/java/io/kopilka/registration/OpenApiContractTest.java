package io.kopilka.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document equals the committed contract, so every contract change shows in
 * review. After an intended change run {@code ./mvnw test -Dopenapi.update=true -pl
 * registration-service -am -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false} and
 * commit the file.
 */
@QuarkusTest
class OpenApiContractTest {

  private static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");

  @Test
  void shouldServeTheCommittedContract() throws IOException {
    String served =
        given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
    if (Boolean.getBoolean("openapi.update")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, served);
    }
    assertThat(COMMITTED).as("committed contract; see this test's Javadoc to update it").exists();
    assertThat(served).isEqualTo(Files.readString(COMMITTED));
  }

  @Test
  void shouldDocumentClientErrorsOfEveryOperation() {
    String contract =
        given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
    String[] operations = contract.split("\n    (get|post|put|delete):\n");
    for (int i = 1; i < operations.length; i++) {
      String operation = operations[i].split("\n  /")[0];
      assertThat(operation)
          .as("operation %d documents a 4xx response", i)
          .containsPattern("\"4\\d\\d\":");
    }
  }
}
