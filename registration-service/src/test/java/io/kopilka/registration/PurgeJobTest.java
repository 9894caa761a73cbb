package io.kopilka.registration;

import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Login codes are deleted a day after they lapsed, invitations 30 days after they expired; newer
 * ones stay.
 */
@QuarkusTest
class PurgeJobTest {

  @Inject EntityManager em;

  @Test
  void shouldDeleteLapsedLoginCodesOnly() {
    String msisdn = newMsisdn();
    given()
        .contentType("application/json")
        .body(Map.of("msisdn", msisdn))
        .post("/api/v1/auth/otp")
        .then()
        .statusCode(202);
    Instant now = Instant.now();

    Api.runJob("purge", now.plus(Duration.ofHours(23)));
    assertThat(codes(msisdn)).isEqualTo(1);
    Api.runJob("purge", now.plus(Duration.ofHours(25)));
    assertThat(codes(msisdn)).isZero();
  }

  @Test
  void shouldDeleteInvitationsAMonthAfterTheyExpired() {
    String inviter = newMsisdn();
    Api.ussd(inviter, "*111*455*1#");
    Api.invite(inviter, newMsisdn()).then().statusCode(201);
    Instant now = Instant.now();

    Api.runJob("purge", now.plus(Duration.ofDays(59)));
    assertThat(Api.invitations(inviter).getList("$")).hasSize(1);
    Api.runJob("purge", now.plus(Duration.ofDays(61)));
    assertThat(Api.invitations(inviter).getList("$")).isEmpty();
  }

  private long codes(String msisdn) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery("select count(*) from otp_code where msisdn = :msisdn")
                            .setParameter("msisdn", msisdn)
                            .getSingleResult())
                    .longValue());
  }
}
