package io.kopilka.registration;

import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev SMS sink keeps what it receives and shows it per number. */
@QuarkusTest
class DevSmsSinkTest {

  @Test
  void shouldShowReceivedMessagesNewestFirst() {
    String msisdn = newMsisdn();
    for (String text : new String[] {"первое", "второе"}) {
      given()
          .contentType("application/json")
          .body(Map.of("to", msisdn, "from", "4555", "text", text))
          .post("/dev/sms-gateway/messages")
          .then()
          .statusCode(202);
    }
    given()
        .get("/dev/sms-gateway/messages?to=" + msisdn)
        .then()
        .statusCode(200)
        .body("size()", is(2))
        .body("[0].text", is("второе"))
        .body("[1].from", is("4555"));
  }
}
