package io.kopilka.bonus;

import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.MutableClock;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/** Calls of the bonus-service API that tests share. */
final class Api {

  private Api() {}

  /** Opens an account that joined today (by the service's clock), born on 17 May 1990. */
  static UUID open(String msisdn) {
    LocalDate today =
        LocalDate.ofInstant(MutableClock.INSTANCE.instant(), ZoneId.of("Europe/Moscow"));
    return open(msisdn, today, LocalDate.of(1990, 5, 17));
  }

  static UUID open(String msisdn, LocalDate joinedOn, LocalDate birthDate) {
    UUID membership = UUID.randomUUID();
    as("service")
        .body(
            Map.of(
                "membershipId",
                membership,
                "msisdn",
                msisdn,
                "joinedOn",
                joinedOn.toString(),
                "birthDate",
                birthDate.toString()))
        .post("/internal/v1/accounts")
        .then()
        .statusCode(201);
    return membership;
  }

  static JsonPath credit(String msisdn, long points) {
    return as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(
            Map.of("msisdn", msisdn, "points", points, "reason", "PROMOTION", "reference", "test"))
        .post("/internal/v1/credits")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static Map<String, Object> event(String eventId, String msisdn, String kind, long amountKopecks) {
    return Map.of(
        "eventId",
        eventId,
        "msisdn",
        msisdn,
        "kind",
        kind,
        "amountKopecks",
        amountKopecks,
        "occurredAt",
        Instant.now().toString());
  }

  static JsonPath accrue(String msisdn, String kind, long amountKopecks) {
    return as("billing")
        .body(event(UUID.randomUUID().toString(), msisdn, kind, amountKopecks))
        .post("/api/v1/accruals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Pays {@code points} of the bill and checks that all of them were paid. */
  static void payBill(String msisdn, long points) {
    as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("msisdn", msisdn, "maxPoints", points, "reference", "bill"))
        .post("/internal/v1/bill-payments")
        .then()
        .statusCode(200)
        .body("paidPoints", org.hamcrest.Matchers.equalTo((int) points));
  }

  /** Holds {@code points} for {@code ttlSeconds}; returns the hold id. */
  static String hold(String msisdn, long points, long ttlSeconds) {
    return as("service")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(
            Map.of(
                "msisdn",
                msisdn,
                "points",
                points,
                "reference",
                "order-" + UUID.randomUUID(),
                "ttlSeconds",
                ttlSeconds))
        .post("/internal/v1/holds")
        .then()
        .statusCode(201)
        .extract()
        .path("holdId");
  }

  static JsonPath balance(String msisdn) {
    return asMember(msisdn)
        .get("/api/v1/accounts/me/balance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static long available(String msisdn) {
    return balance(msisdn).getLong("available");
  }

  static JsonPath runJob(String job, Instant asOf) {
    return as("admin")
        .queryParam("asOf", asOf.toString())
        .post("/api/v1/admin/bonus/jobs/" + job)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The ledger invariants hold over every account. */
  static void assertAuditClean() {
    JsonPath report =
        as("admin").get("/api/v1/admin/bonus/audit").then().statusCode(200).extract().jsonPath();
    assertThat(report.getList("violations")).as("audit violations").isEmpty();
    assertThat(report.getBoolean("clean")).isTrue();
  }
}
