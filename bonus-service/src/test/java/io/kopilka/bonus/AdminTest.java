package io.kopilka.bonus;

import static io.kopilka.bonus.Api.accrue;
import static io.kopilka.bonus.Api.open;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void shouldChangeAnAccrualRateAndAuditTheChange() {
    String msisdn = newMsisdn();
    open(msisdn);
    try {
      as("admin")
          .body(Map.of("kopecksPerPoint", 50))
          .put("/api/v1/admin/bonus/rules/rates/TAXI")
          .then()
          .statusCode(200)
          .body("kopecksPerPoint", equalTo(50))
          .body("updatedBy", equalTo("admin-test"));

      assertThat(accrue(msisdn, "TAXI", 1000).getLong("points")).isEqualTo(20);
      JsonPath rules =
          as("admin").get("/api/v1/admin/bonus/rules").then().statusCode(200).extract().jsonPath();
      assertThat(rules.getInt("rates.find { it.kind == 'TAXI' }.kopecksPerPoint")).isEqualTo(50);
      JsonPath changes =
          as("admin")
              .get("/api/v1/admin/bonus/rules/changes")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(changes.getString("[0].rule")).isEqualTo("rate.TAXI");
      assertThat(changes.getString("[0].oldValue")).isEqualTo("100");
      assertThat(changes.getString("[0].newValue")).isEqualTo("50");
    } finally {
      as("admin")
          .body(Map.of("kopecksPerPoint", 100))
          .put("/api/v1/admin/bonus/rules/rates/TAXI")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void shouldChangeATenureMultiplierR8() {
    try {
      as("admin")
          .body(Map.of("percent", 150))
          .put("/api/v1/admin/bonus/rules/tenure/5")
          .then()
          .statusCode(200);
      String veteran = newMsisdn();
      open(veteran, java.time.LocalDate.now().minusYears(6), java.time.LocalDate.of(1970, 1, 1));
      assertThat(accrue(veteran, "TAXI", 10000).getLong("points")).isEqualTo(150);
    } finally {
      as("admin")
          .body(Map.of("percent", 120))
          .put("/api/v1/admin/bonus/rules/tenure/5")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void shouldRejectInvalidRuleChanges() {
    assertProblem(
        as("admin")
            .body(Map.of("kopecksPerPoint", 0))
            .put("/api/v1/admin/bonus/rules/rates/TAXI")
            .then(),
        400,
        "request.invalid");
    assertProblem(
        as("admin").body(Map.of("percent", 50)).put("/api/v1/admin/bonus/rules/tenure/1").then(),
        400,
        "request.invalid");
    assertProblem(
        as("admin")
            .body(Map.of("kopecksPerPoint", 10))
            .put("/api/v1/admin/bonus/rules/rates/FLIGHT")
            .then(),
        404,
        "request.not-found");
    assertThat(
            as("admin")
                .get("/api/v1/admin/bonus/rules")
                .then()
                .extract()
                .jsonPath()
                .getInt("rates.find { it.kind == 'TAXI' }.kopecksPerPoint"))
        .isEqualTo(100);
  }

  @Test
  void shouldReportACorruptedBalanceInTheAudit() throws Exception {
    String msisdn = newMsisdn();
    open(msisdn);
    Api.credit(msisdn, 100);
    Api.assertAuditClean();

    execute(
        "update account set balance = balance + 7 where msisdn = '"
            + msisdn
            + "' and status = 'OPEN'");
    try {
      JsonPath report =
          as("admin").get("/api/v1/admin/bonus/audit").then().statusCode(200).extract().jsonPath();
      assertThat(report.getBoolean("clean")).isFalse();
      assertThat(report.getList("violations.invariant"))
          .contains("balance = sum of entries", "balance = sum of live lots");
      assertThat(report.getLong("violations[0].actual") - report.getLong("violations[0].expected"))
          .isEqualTo(7);
    } finally {
      execute(
          "update account set balance = balance - 7 where msisdn = '"
              + msisdn
              + "' and status = 'OPEN'");
    }
    Api.assertAuditClean();
  }

  private void execute(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
