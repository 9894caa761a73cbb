package io.kopilka.bonus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/** {@code io.kopilka.common.http.RequestBodies}: a body is read before the worker runs. */
@QuarkusTest
class RequestBodiesTest {

  @Path("/test/request-body")
  @PermitAll
  public static class Probe {
    @Inject RoutingContext request;

    /** Whether the body was whole in memory when this blocking method started. */
    @POST
    @Operation(hidden = true) // not part of the served contract
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public String read(Map<String, Object> body) {
      return request.body().available() + " " + body.get("n");
    }
  }

  @Test
  void aBlockingMethodGetsItsBodyAlreadyRead() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"n\": 7}")
        .post("/test/request-body")
        .then()
        .statusCode(200)
        .body(equalTo("true 7"));
  }

  @TestHTTPResource("/test/request-body")
  URI probe;

  /** The outbox relay's client upgrades to HTTP/2, whose bodies Quarkus REST reads itself. */
  @Test
  void anHttp2BodyIsLeftToTheResource() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .build()
            .send(
                HttpRequest.newBuilder(probe)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\": 8}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, response.version());
    assertEquals(200, response.statusCode());
    assertEquals("false 8", response.body());
  }
}
