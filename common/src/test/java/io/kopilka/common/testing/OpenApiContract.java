package io.kopilka.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document equals the committed contract ({@code
 * src/main/openapi/openapi.yaml}), so every contract change shows in review, and every operation
 * documents its client errors. Each service extends it in a {@code @QuarkusTest} class named {@code
 * OpenApiContractTest}. After an intended change run {@code ./mvnw test -pl <service> -am
 * -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true} and
 * commit the file.
 */
public abstract class OpenApiContract {

  private static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");
  private static final Pattern CLIENT_ERROR = Pattern.compile("\"4\\d\\d\":");

  @Test
  void shouldServeTheCommittedContract() throws IOException {
    String served = served();
    if (Boolean.getBoolean("openapi.update")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, served);
    }
    assertTrue(
        Files.exists(COMMITTED), "committed contract missing; see OpenApiContract to create it");
    assertEquals(Files.readString(COMMITTED), served, "served contract differs from " + COMMITTED);
  }

  @Test
  void shouldDocumentClientErrorsOfEveryOperation() {
    String[] operations = served().split("\n    (get|post|put|delete):\n");
    for (int i = 1; i < operations.length; i++) {
      String operation = operations[i].split("\n  /")[0];
      assertTrue(
          CLIENT_ERROR.matcher(operation).find(),
          "operation " + i + " documents no 4xx response:\n" + operation);
    }
  }

  private static String served() {
    return given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
  }
}
