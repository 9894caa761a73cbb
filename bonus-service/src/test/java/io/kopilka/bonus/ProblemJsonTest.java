package io.kopilka.bonus;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.kopilka.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input and refused call gets an RFC 9457 problem with a stable code. */
@QuarkusTest
class ProblemJsonTest {

  private static final String EVENT =
      "{\"eventId\":\"e-1\",\"msisdn\":\"79160000000\",\"kind\":\"TAXI\",\"amountKopecks\":100,\"occurredAt\":\"2026-11-01T10:00:00Z\"";

  @Test
  void shouldReportMalformedJson() {
    assertProblem(
            as("billing").body("{\"eventId\":").post("/api/v1/accruals").then(),
            400,
            "request.malformed-json")
        .body("detail", not(containsString("Exception")));
  }

  @Test
  void shouldReportUnknownProperties() {
    assertProblem(
            as("billing").body(EVENT + ",\"points\":1000000}").post("/api/v1/accruals").then(),
            400,
            "request.unknown-property")
        .body("violations[0].field", equalTo("points"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"amountKopecks\":\"many\"|amountKopecks",
        "\"kind\":\"FLIGHT\"|kind",
        "\"occurredAt\":\"yesterday\"|occurredAt",
      })
  void shouldReportWrongTypes(String replacement, String field) {
    String body = EVENT.replaceFirst("\"" + field + "\":[^,}]*", replacement) + "}";
    assertProblem(
            as("billing").body(body).post("/api/v1/accruals").then(), 400, "request.invalid-value")
        .body("violations[0].field", equalTo(field));
  }

  @Test
  void shouldListEveryInvalidField() {
    assertProblem(
            as("billing")
                .body(
                    "{\"eventId\":\"\",\"msisdn\":\"12345\",\"kind\":\"TAXI\",\"amountKopecks\":0}")
                .post("/api/v1/accruals")
                .then(),
            400,
            "request.invalid")
        .body(
            "violations.field",
            org.hamcrest.Matchers.contains("amountKopecks", "eventId", "msisdn", "occurredAt"));
  }

  @Test
  void shouldRefuseSpendsFromTheFutureOrBeforeTheProgramme() {
    String future =
        EVENT.replace("2026-11-01T10:00:00Z", java.time.Instant.now().plusSeconds(3600).toString())
            + "}";
    assertProblem(
            as("billing").body(future).post("/api/v1/accruals").then(), 400, "request.invalid")
        .body("violations[0].field", equalTo("occurredAt"));
    String ancient = EVENT.replace("2026-11-01T10:00:00Z", "1999-12-31T23:59:59Z") + "}";
    assertProblem(
        as("billing").body(ancient).post("/api/v1/accruals").then(), 400, "request.invalid");
    as("billing")
        .body("{\"events\":[" + future + "]}")
        .post("/api/v1/accruals/batch")
        .then()
        .statusCode(200)
        .body("results[0].status", equalTo("REJECTED"))
        .body("results[0].violations[0].field", equalTo("occurredAt"));
  }

  @Test
  void shouldRefuseACraftedHistoryCursor() {
    String msisdn = newMsisdn();
    Api.open(msisdn);
    for (String raw : new String[] {"99999999999999.0.1", "-99999999999.0.1", "1.2", "a.b.c"}) {
      String cursor =
          java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes());
      assertProblem(
          asMember(msisdn).queryParam("cursor", cursor).get("/api/v1/accounts/me/history").then(),
          400,
          "history.invalid-cursor");
    }
  }

  @Test
  void shouldReportAMissingBody() {
    assertProblem(as("billing").post("/api/v1/accruals").then(), 400, "request.invalid");
  }

  @Test
  void shouldReportUnknownPathsMethodsAndMediaTypes() {
    assertProblem(as("billing").get("/api/v1/nothing-here").then(), 404, "request.not-found");
    assertProblem(as("billing").get("/api/v1/accruals").then(), 405, "request.method-not-allowed");
    assertProblem(
        RestAssured.given()
            .header("Authorization", TestTokens.bearer("billing"))
            .contentType(ContentType.TEXT)
            .body("hello")
            .post("/api/v1/accruals")
            .then(),
        415,
        "request.unsupported-media-type");
  }

  @Test
  void shouldRefuseMissingAndWrongCredentials() {
    assertProblem(
        RestAssured.given()
            .contentType(ContentType.JSON)
            .body(EVENT + "}")
            .post("/api/v1/accruals")
            .then(),
        401,
        "auth.unauthenticated");
    assertProblem(
        asMember("79160000000").body(EVENT + "}").post("/api/v1/accruals").then(),
        403,
        "auth.forbidden");
    String expired =
        io.smallrye.jwt.build.Jwt.issuer("kopilka")
            .subject("x")
            .groups("billing")
            .issuedAt(1_600_000_000L)
            .expiresAt(1_600_000_100L)
            .sign();
    assertProblem(
        RestAssured.given()
            .contentType(ContentType.JSON)
            .header("Authorization", "Bearer " + expired)
            .body(EVENT + "}")
            .post("/api/v1/accruals")
            .then(),
        401,
        "auth.unauthenticated");
  }

  @Test
  void shouldRefuseAnAcceptedTokenOnceItHasExpired() throws InterruptedException {
    long now = java.time.Instant.now().getEpochSecond();
    String shortLived =
        io.smallrye.jwt.build.Jwt.issuer("kopilka")
            .subject("79160000001")
            .upn("79160000001")
            .groups("member")
            .issuedAt(now)
            .expiresAt(now + 2)
            .sign();
    var request = RestAssured.given().header("Authorization", "Bearer " + shortLived);
    request.get("/api/v1/accounts/me/balance").then().statusCode(404); // accepted: no account
    Thread.sleep(
        java.time.Duration.ofSeconds(now + 4 - java.time.Instant.now().getEpochSecond())
            .toMillis());
    assertProblem(request.get("/api/v1/accounts/me/balance").then(), 401, "auth.unauthenticated");
  }

  @ParameterizedTest
  @CsvSource({
    "POST, /internal/v1/credits",
    "POST, /internal/v1/holds",
    "POST, /internal/v1/transfers",
    "POST, /internal/v1/bill-payments",
    "POST, /internal/v1/accounts",
    "GET, /internal/v1/accounts/79160000000/balance",
  })
  void shouldOpenInternalEndpointsToServiceTokensOnly(String method, String path) {
    assertProblem(
        RestAssured.given().contentType(ContentType.JSON).body("{}").request(method, path).then(),
        401,
        "auth.unauthenticated");
    assertProblem(
        asMember("79160000000").body("{}").request(method, path).then(), 403, "auth.forbidden");
    assertProblem(as("admin").body("{}").request(method, path).then(), 403, "auth.forbidden");
  }

  @Test
  void shouldOpenAdminEndpointsToAdminsOnly() {
    assertProblem(as("support").get("/api/v1/admin/bonus/audit").then(), 403, "auth.forbidden");
    assertProblem(as("billing").get("/api/v1/admin/bonus/rules").then(), 403, "auth.forbidden");
    assertProblem(as("support").get("/api/v1/admin/bonus/outbox").then(), 403, "auth.forbidden");
  }
}
