package io.kopilka.registration;

import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMS-code login: codes, their limits, and the member tokens they buy. */
@QuarkusTest
class AuthTest {

  @Inject Outbound outbound;

  @AfterEach
  void resetClock() {
    MutableClock.INSTANCE.reset();
  }

  @Test
  void shouldExchangeTheCodeFromTheSmsForAWorkingMemberToken() {
    String msisdn = newMsisdn();
    sendCode(msisdn).then().statusCode(202).body("expiresIn", org.hamcrest.Matchers.is(300));
    assertThat(outbound.lastSms(msisdn)).startsWith("Код для входа в Копилку: ");

    Response token = exchange(msisdn, outbound.loginCode(msisdn));
    token.then().statusCode(200).body("tokenType", org.hamcrest.Matchers.is("Bearer"));
    assertThat(token.jsonPath().getLong("expiresIn")).isEqualTo(900);

    // the token is a member token for this number: it reads the (absent) membership
    given()
        .header("Authorization", "Bearer " + token.jsonPath().getString("accessToken"))
        .get("/api/v1/members/me")
        .then()
        .statusCode(404)
        .body("code", org.hamcrest.Matchers.is("membership.not-found"));
  }

  @Test
  void shouldRefuseACodeTheSecondTime() {
    String msisdn = newMsisdn();
    sendCode(msisdn);
    String code = outbound.loginCode(msisdn);
    exchange(msisdn, code).then().statusCode(200);

    assertProblem(exchange(msisdn, code), 400, "auth.code-expired");
  }

  @Test
  void shouldVoidTheCodeAfterFiveWrongTries() {
    String msisdn = newMsisdn();
    sendCode(msisdn);
    String code = outbound.loginCode(msisdn);
    String wrong = otherCode(code);
    for (int tries = 1; tries <= 4; tries++) {
      Response response = exchange(msisdn, wrong);
      assertProblem(response, 400, "auth.code-wrong");
      assertThat(response.jsonPath().getString("detail")).contains((5 - tries) + " more tries");
    }
    assertProblem(exchange(msisdn, wrong), 400, "auth.code-expired");

    assertProblem(exchange(msisdn, code), 400, "auth.code-expired");
  }

  @Test
  void shouldCountParallelGuessesOneByOne() throws Exception {
    String msisdn = newMsisdn();
    sendCode(msisdn);
    String code = outbound.loginCode(msisdn);
    String wrong = otherCode(code);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> guesses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Callable<Integer> guess = () -> exchange(msisdn, wrong).statusCode();
        guesses.add(pool.submit(guess));
      }
      for (Future<Integer> guess : guesses) {
        assertThat(guess.get()).isEqualTo(400);
      }
    } finally {
      pool.shutdown();
    }
    // 20 parallel wrong guesses used up the 5 tries: the right code is void now
    assertProblem(exchange(msisdn, code), 400, "auth.code-expired");
  }

  @Test
  void shouldExpireACodeAfterFiveMinutes() {
    String msisdn = newMsisdn();
    Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(sent);
    sendCode(msisdn);
    String code = outbound.loginCode(msisdn);

    MutableClock.INSTANCE.set(sent.plus(Duration.ofMinutes(5)));
    assertProblem(exchange(msisdn, code), 400, "auth.code-expired");
  }

  @Test
  void shouldVoidTheOlderCodeWhenANewOneIsSent() {
    String msisdn = newMsisdn();
    Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(first);
    sendCode(msisdn);
    String older = outbound.loginCode(msisdn);
    MutableClock.INSTANCE.set(first.plus(Duration.ofSeconds(61)));
    sendCode(msisdn).then().statusCode(202);
    String newer = outbound.loginCode(msisdn);

    if (!older.equals(newer)) {
      assertProblem(exchange(msisdn, older), 400, "auth.code-wrong");
    }
    exchange(msisdn, newer).then().statusCode(200);
  }

  @Test
  void shouldLimitCodesPerNumberToOneAMinuteAndFiveAnHour() {
    String msisdn = newMsisdn();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(start);
    sendCode(msisdn).then().statusCode(202);

    Response tooSoon = sendCode(msisdn);
    assertProblem(tooSoon, 429, "auth.otp-too-soon");
    assertThat(tooSoon.header("Retry-After")).isEqualTo("60");

    for (int minute = 1; minute <= 4; minute++) {
      MutableClock.INSTANCE.set(start.plus(Duration.ofMinutes(minute)));
      sendCode(msisdn).then().statusCode(202);
    }
    MutableClock.INSTANCE.set(start.plus(Duration.ofMinutes(10)));
    Response limited = sendCode(msisdn);
    assertProblem(limited, 429, "auth.otp-number-limit");
    assertThat(limited.header("Retry-After")).isEqualTo(String.valueOf(50 * 60));
    assertThat(outbound.sms(msisdn)).hasSize(5);

    MutableClock.INSTANCE.set(start.plus(Duration.ofMinutes(61)));
    sendCode(msisdn).then().statusCode(202);
  }

  @Test
  void shouldLimitCodesPerClientAddress() {
    String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
    for (int i = 0; i < 30; i++) {
      sendCode(newMsisdn(), address).then().statusCode(202);
    }
    String msisdn = newMsisdn();
    assertProblem(sendCode(msisdn, address), 429, "auth.otp-client-limit");
    assertThat(outbound.sms(msisdn)).isEmpty();

    sendCode(msisdn, "198.51.100.7").then().statusCode(202);
  }

  @Test
  void shouldStopAGuesserSpreadingTriesOverManyNumbers() {
    String guesser = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    for (int number = 0; number < 10; number++) {
      String msisdn = newMsisdn();
      sendCode(msisdn);
      String wrong = otherCode(outbound.loginCode(msisdn));
      for (int tries = 0; tries < 5; tries++) {
        exchange(msisdn, wrong, guesser).then().statusCode(400);
      }
    }
    String msisdn = newMsisdn();
    sendCode(msisdn);
    String code = outbound.loginCode(msisdn);
    Response limited = exchange(msisdn, code, guesser);
    assertProblem(limited, 429, "auth.token-client-limit");
    assertThat(limited.header("Retry-After")).isNotBlank();

    // the number's owner, elsewhere, is not affected
    exchange(msisdn, code).then().statusCode(200);
  }

  @Test
  void shouldAnswerMembersAndStrangersAlike() {
    String member = newMsisdn();
    Api.activeWebMember(member);
    String stranger = newMsisdn();

    Response toMember = sendCode(member);
    Response toStranger = sendCode(stranger);
    assertThat(toMember.statusCode()).isEqualTo(toStranger.statusCode()).isEqualTo(202);
    assertThat(toMember.asString()).isEqualTo(toStranger.asString());
  }

  @Test
  void shouldRejectMalformedRequests() {
    Response notANumber =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("msisdn", "8916"))
            .post("/api/v1/auth/otp");
    assertProblem(notANumber, 400, "request.invalid");
    assertThat(notANumber.jsonPath().getString("violations[0].field")).isEqualTo("msisdn");

    assertProblem(exchange(newMsisdn(), "12ab56"), 400, "request.invalid");
  }

  @Test
  void shouldNotLetAMemberTokenActForAnotherNumber() {
    String a = newMsisdn();
    String b = newMsisdn();
    Api.activeWebMember(b);

    // A's token only ever reaches A's membership; B's stays untouched
    asMember(a).get("/api/v1/members/me").then().statusCode(404);
    asMember(a).delete("/api/v1/members/me?confirm=true").then().statusCode(404);
    asMember(b)
        .get("/api/v1/members/me")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("ACTIVE"));
  }

  private static Response sendCode(String msisdn) {
    return sendCode(msisdn, "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255));
  }

  private static Response sendCode(String msisdn, String clientAddress) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", clientAddress)
        .body(Map.of("msisdn", msisdn))
        .post("/api/v1/auth/otp");
  }

  private static Response exchange(String msisdn, String code) {
    return exchange(msisdn, code, "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255));
  }

  private static Response exchange(String msisdn, String code, String clientAddress) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", clientAddress)
        .body(Map.of("msisdn", msisdn, "code", code))
        .post("/api/v1/auth/token");
  }

  private static String otherCode(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }
}
