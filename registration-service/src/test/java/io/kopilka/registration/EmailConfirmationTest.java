package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.kopilka.common.testing.MutableClock;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule R3: a single-use link valid 24 hours; 10 points once per membership. */
@QuarkusTest
class EmailConfirmationTest {

  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

  @Inject Outbound outbound;
  @Inject MockMailbox mailbox;

  @AfterEach
  void resetClock() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldCreditTenPointsOnceForAConfirmedAddress() {
    String msisdn = newMsisdn();
    Api.activeWebMember(msisdn);
    String email = msisdn + "@example.ru";

    asMember(msisdn)
        .body(Map.of("email", email))
        .post("/api/v1/members/me/email-confirmation")
        .then()
        .statusCode(202)
        .body("email", is(email));
    String token = lastToken(email);

    confirm(token).then().statusCode(200).body("points", is(10)).body("email", is(email));
    assertThat(emailCredits(msisdn)).hasSize(1);
    asMember(msisdn).get("/api/v1/members/me").then().body("emailConfirmed", is(true));

    assertProblem(confirm(token), 409, "email.link-used");
    assertProblem(
        asMember(msisdn).post("/api/v1/members/me/email-confirmation"),
        409,
        "email.already-confirmed");

    // a new address must be confirmed too, but earns nothing more in this membership
    String other = "new-" + email;
    asMember(msisdn)
        .body(Map.of("email", other))
        .post("/api/v1/members/me/email-confirmation")
        .then()
        .statusCode(202);
    confirm(lastToken(other)).then().statusCode(200).body("points", is(0));
    assertThat(emailCredits(msisdn)).hasSize(1);
  }

  @Test
  void shouldCreditAnAddressConfirmedDuringReviewOnActivation() {
    String msisdn = newMsisdn();
    java.util.UUID id = Api.apply(msisdn); // the form's address: anna@example.ru
    asMember(msisdn).post("/api/v1/members/me/email-confirmation").then().statusCode(202);
    confirm(lastToken("anna@example.ru")).then().statusCode(200).body("points", is(0));
    assertThat(emailCredits(msisdn)).isEmpty();

    Api.approve(id);
    assertThat(emailCredits(msisdn)).hasSize(1);
  }

  @Test
  void shouldRefuseExpiredUnknownAndOutdatedLinks() {
    String msisdn = newMsisdn();
    Api.activeWebMember(msisdn);
    // PostgreSQL keeps microseconds: a whole-millisecond instant is stored as it is
    Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(sent);
    String email = msisdn + "@example.ru";
    asMember(msisdn).body(Map.of("email", email)).post("/api/v1/members/me/email-confirmation");
    String expiring = lastToken(email);

    MutableClock.INSTANCE.set(sent.plus(Duration.ofHours(24)));
    assertProblem(confirm(expiring), 410, "email.link-expired");
    assertProblem(confirm("no-such-token"), 404, "email.link-unknown");

    asMember(msisdn).body(Map.of("email", email)).post("/api/v1/members/me/email-confirmation");
    String outdated = lastToken(email);
    asMember(msisdn)
        .body(Map.of("email", "x" + email))
        .post("/api/v1/members/me/email-confirmation");
    assertProblem(confirm(outdated), 409, "email.link-outdated");
    assertThat(emailCredits(msisdn)).isEmpty();
  }

  @Test
  void shouldRejectABadAddressAndAMissingOne() {
    String msisdn = newMsisdn();
    java.util.Map<String, Object> form = Api.form();
    form.remove("email");
    Api.approve(Api.apply(msisdn, form));

    assertProblem(
        asMember(msisdn).post("/api/v1/members/me/email-confirmation"), 422, "email.missing");
    assertProblem(
        asMember(msisdn)
            .body(Map.of("email", "nope"))
            .post("/api/v1/members/me/email-confirmation"),
        400,
        "request.invalid");
    assertProblem(
        asMember(newMsisdn()).post("/api/v1/members/me/email-confirmation"),
        404,
        "membership.not-found");
  }

  @Test
  void shouldLimitLinksToFiveAnHour() {
    String msisdn = newMsisdn();
    Api.activeWebMember(msisdn);
    for (int i = 0; i < 5; i++) {
      asMember(msisdn).post("/api/v1/members/me/email-confirmation").then().statusCode(202);
    }
    assertProblem(
        asMember(msisdn).post("/api/v1/members/me/email-confirmation"),
        429,
        "email.too-many-links");
  }

  private String lastToken(String email) {
    List<Mail> mails = mailbox.getMailsSentTo(email);
    assertThat(mails).as("mails to %s", email).isNotEmpty();
    Matcher m = TOKEN.matcher(mails.get(mails.size() - 1).getText());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static Response confirm(String token) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token))
        .post("/api/v1/email-confirmations");
  }

  private List<JsonNode> emailCredits(String msisdn) {
    return outbound.credits(msisdn).stream()
        .filter(c -> c.get("reason").asText().equals("EMAIL"))
        .toList();
  }
}
