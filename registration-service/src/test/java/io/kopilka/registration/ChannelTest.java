package io.kopilka.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kopilka.common.testing.Problems.assertProblem;
import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.kopilka.common.testing.Requests.newMsisdn;
import static io.kopilka.registration.Api.sms;
import static io.kopilka.registration.Api.ussd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.kopilka.common.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every command of section H by USSD and SMS, and what each does. */
@QuarkusTest
class ChannelTest {

  @Inject Outbound outbound;

  @AfterEach
  void reset() {
    MutableClock.INSTANCE.reset();
    Stubs.reset();
  }

  @Test
  void shouldJoinByUssdAtOnceWithAnSmsAndNoWelcomePoints() {
    String msisdn = newMsisdn();
    assertThat(ussd(msisdn, "*111*455*1#")).startsWith("Вы участник программы Копилка");

    asMember(msisdn)
        .get("/api/v1/members/me")
        .then()
        .body("status", is("ACTIVE"))
        .body("channel", is("USSD"));
    assertThat(outbound.lastSms(msisdn)).startsWith("Вы участник программы Копилка");
    assertThat(outbound.toBonus(msisdn))
        .extracting(Outbound.Message::path)
        .containsExactly("/internal/v1/accounts");

    assertThat(ussd(msisdn, " *111*455*1# ")).startsWith("Вы уже участник");
    assertThat(
            as("support")
                .get("/api/v1/admin/registration/members?msisdn=" + msisdn)
                .jsonPath()
                .getList("$"))
        .hasSize(1);
  }

  @Test
  void shouldTakeTheBirthDateOfAChannelMemberOnceForTheBirthdayBonusR7() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    String id = asMember(msisdn).get("/api/v1/members/me").then().extract().path("membershipId");
    String path = "/api/v1/members/me/birth-date";

    asMember(msisdn)
        .body(Map.of("birthDate", "1990-05-17"))
        .put(path)
        .then()
        .statusCode(200)
        .body("birthDate", is("1990-05-17"));
    asMember(msisdn).body(Map.of("birthDate", "1990-05-17")).put(path).then().statusCode(200);
    assertProblem(
        asMember(msisdn).body(Map.of("birthDate", "1991-01-01")).put(path),
        409,
        "membership.birth-date-set");
    assertProblem(
        asMember(msisdn)
            .body(Map.of("birthDate", java.time.LocalDate.now().minusYears(10).toString()))
            .put(path),
        400,
        "request.invalid");

    assertThat(outbound.toBonus("1990-05-17"))
        .filteredOn(m -> m.path().contains(id))
        .extracting(Outbound.Message::path)
        .containsExactly("/internal/v1/accounts/" + id + "/birth-date");
  }

  @Test
  void shouldAcceptAnEmptySmsToJoinWithinFiveSeconds() {
    String msisdn = newMsisdn();
    long started = System.nanoTime();
    String reply = sms(msisdn, "");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // rule R5: the acknowledgement path (membership, account request and SMS committed) < 5 s
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(reply).startsWith("Вы участник программы Копилка");
    asMember(msisdn)
        .get("/api/v1/members/me")
        .then()
        .body("status", is("ACTIVE"))
        .body("channel", is("SMS"));
    assertThat(outbound.sms(msisdn)).containsExactly(reply);
  }

  @Test
  void shouldJoinWithAnSmsWithoutText() {
    String msisdn = newMsisdn();
    java.util.Map<String, String> noText = new java.util.HashMap<>();
    noText.put("from", msisdn);
    noText.put("to", "4555");
    noText.put("text", null);
    as("channel-gateway")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(noText)
        .post("/api/v1/channels/sms")
        .then()
        .statusCode(200)
        .body("reply", org.hamcrest.Matchers.startsWith("Вы участник программы Копилка"));
  }

  @Test
  void shouldTellAnApplicantWithAPendingFormToWait() {
    String msisdn = newMsisdn();
    Api.apply(msisdn);
    assertThat(sms(msisdn, "   ")).contains("уже рассматривается");
    assertThat(ussd(msisdn, "*111*455*0#")).contains("уже рассматривается");
  }

  @Test
  void shouldAnswerTheBalanceByUssdAndSmsInAnyCase() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.balance(msisdn, 1251, 1000);

    String reply = ussd(msisdn, "*111*455*0#");
    assertThat(reply).isEqualTo("Ваш баланс: 1251 балл. 1000 баллов сгорят после 31.12.2026.");
    assertThat(outbound.lastSms(msisdn)).isEqualTo(reply); // rule B1: the answer comes by SMS

    for (String text : new String[] {"Бонус", "БОНУС", "бонус", "  бОнУс "}) {
      assertThat(sms(msisdn, text)).as(text).isEqualTo(reply);
    }
  }

  @Test
  void shouldSayWhenTheAccountIsNotOpenYetOrBonusIsDown() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    assertThat(ussd(msisdn, "*111*455*0#")).contains("счёт открывается");

    Stubs.server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    "/internal/v1/accounts/" + msisdn + "/balance")
                .willReturn(aResponse().withStatus(503)));
    assertThat(sms(msisdn, "Бонус"))
        .isEqualTo("Сервис временно недоступен. Попробуйте через несколько минут.");
  }

  @Test
  void shouldTellNonMembersHowToJoin() {
    String msisdn = newMsisdn();
    assertThat(sms(msisdn, "Бонус")).startsWith("Вы не участник");
    assertThat(sms(msisdn, "0")).startsWith("Вы не участник");
    assertThat(ussd(msisdn, "*111*455*11#")).startsWith("Вы не участник");
    Stubs.server().verify(0, postRequestedFor(urlEqualTo("/internal/v1/redemptions")));
  }

  @Test
  void shouldLeaveBySmsAfterASecondZeroWhenPointsWouldBeLost() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.balance(msisdn, 320, 320);
    Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(asked);

    assertThat(sms(msisdn, "0"))
        .isEqualTo(
            "При выходе из программы сгорят 320 баллов. Чтобы выйти, отправьте 0 ещё раз в течение 10 минут.");
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("ACTIVE"));

    MutableClock.INSTANCE.set(asked.plus(Duration.ofMinutes(9)));
    assertThat(sms(msisdn, "0")).startsWith("Вы вышли из программы");
    assertThat(outbound.sms(msisdn)).filteredOn(t -> t.startsWith("Вы вышли")).hasSize(1);
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("LEFT"));
    assertThat(outbound.toBonus(""))
        .filteredOn(m -> m.path().endsWith("/closure") && m.path().contains(membershipOf(msisdn)))
        .hasSize(1);
  }

  @Test
  void shouldAskAgainWhenTheSecondZeroComesTooLate() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.balance(msisdn, 5, 5);
    Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    MutableClock.INSTANCE.set(asked);
    sms(msisdn, "0");

    MutableClock.INSTANCE.set(asked.plus(Duration.ofMinutes(11)));
    assertThat(sms(msisdn, "0")).startsWith("При выходе из программы сгорят 5 баллов");
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("ACTIVE"));
  }

  @Test
  void shouldLeaveAtOnceWithNothingToLose() {
    String msisdn = newMsisdn();
    sms(msisdn, "");
    Stubs.balance(msisdn, 0, 0);
    assertThat(sms(msisdn, " 0 ")).startsWith("Вы вышли из программы");
  }

  @Test
  void shouldOrderARewardByUssdAndSms() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.redemption(
        msisdn,
        "11",
        "USSD",
        okJson(
                "{\"redemptionId\":\""
                    + UUID.randomUUID()
                    + "\",\"rewardCode\":\"11\",\"rewardName\":\"30 минут на звонки внутри сети\","
                    + "\"points\":210,\"status\":\"COMPLETED\",\"extra\":true}")
            .withStatus(201));

    assertThat(ussd(msisdn, "*111*455*11#"))
        .isEqualTo("Заказ принят: 30 минут на звонки внутри сети. Списано 210 баллов.");
    Stubs.server()
        .verify(
            postRequestedFor(urlEqualTo("/internal/v1/redemptions"))
                .withHeader("Idempotency-Key", matching("[0-9a-f]{64}"))
                .withHeader("Authorization", matching("Bearer .+")));

    Stubs.redemption(msisdn, "99", "SMS", problem(404, "reward.not-found"));
    assertThat(sms(msisdn, "99")).startsWith("Приза с кодом 99 нет в каталоге. Команды:");

    Stubs.redemption(msisdn, "32", "SMS", problem(422, "redemption.insufficient-points"));
    assertThat(sms(msisdn, "32")).startsWith("Недостаточно баллов для приза 32");

    Stubs.redemption(msisdn, "77", "SMS", problem(409, "reward.unavailable"));
    assertThat(sms(msisdn, "77")).startsWith("Приз 77 сейчас нельзя заказать");

    Stubs.redemption(msisdn, "71", "SMS", problem(409, "reward.out-of-stock"));
    assertThat(sms(msisdn, "71")).isEqualTo("Призы с кодом 71 закончились. Баллы не списаны.");

    Stubs.redemption(msisdn, "42", "SMS", problem(422, "redemption.fulfilment-refused"));
    assertThat(sms(msisdn, "42")).startsWith("Приз 42 нельзя подключить на ваш номер");
  }

  @Test
  void shouldLeaveTheConfirmationOfACompletedSmsOrderToTheCatalog() {
    String msisdn = newMsisdn();
    sms(msisdn, "");
    Stubs.redemption(msisdn, "32", "SMS", okJson(order("32", "COMPLETED")).withStatus(201));

    assertThat(sms(msisdn, "32")).startsWith("Заказ принят: 30 МБ интернета");
    assertThat(outbound.sms(msisdn)).noneMatch(text -> text.startsWith("Заказ принят"));

    // accepted but not finished: the reply says so, by SMS too; catalog-service tells the outcome
    Stubs.redemption(msisdn, "33", "SMS", okJson(order("33", "PROCESSING")).withStatus(202));
    assertThat(sms(msisdn, "33")).startsWith("Заказ приза 33 ещё обрабатывается");
    assertThat(outbound.lastSms(msisdn)).startsWith("Заказ приза 33 ещё обрабатывается");
  }

  private static String order(String rewardCode, String status) {
    return "{\"redemptionId\":\""
        + UUID.randomUUID()
        + "\",\"rewardCode\":\""
        + rewardCode
        + "\",\"rewardName\":\"30 МБ интернета\",\"points\":50,\"status\":\""
        + status
        + "\"}";
  }

  @Test
  void shouldNotSayNothingHappenedWhenAnOrderTimesOut() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.redemption(msisdn, "12", "USSD", aResponse().withStatus(201).withFixedDelay(3_500));
    assertThat(ussd(msisdn, "*111*455*12#")).startsWith("Заказ приза 12 ещё обрабатывается");

    Stubs.redemption(msisdn, "33", "SMS", problem(409, "idempotency.in-flight"));
    assertThat(sms(msisdn, "33")).startsWith("Заказ приза 33 ещё обрабатывается");
  }

  @Test
  void shouldSayTemporarilyUnavailableWhenTheCatalogIsDown() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.server()
        .stubFor(
            post(urlEqualTo("/internal/v1/redemptions")).willReturn(aResponse().withStatus(503)));
    assertThat(ussd(msisdn, "*111*455*12#")).startsWith("Сервис временно недоступен");
  }

  @Test
  void shouldAnswerUnknownInputWithTheCommands() {
    String msisdn = newMsisdn();
    String help = ussd(msisdn, "*100#");
    assertThat(help).contains("*111*455*1#").contains("*111*455*0#").contains("SMS 0");
    assertThat(sms(msisdn, "Привет, как дела?")).isEqualTo(help);
    assertThat(ussd(msisdn, "*111*455#")).isEqualTo(help);
  }

  @Test
  void shouldReplayARetriedRequestInsteadOfRunningItTwice() {
    String msisdn = newMsisdn();
    ussd(msisdn, "*111*455*1#");
    Stubs.balance(msisdn, 40, 40);
    String key = UUID.randomUUID().toString();
    Map<String, String> zero = Map.of("from", msisdn, "to", "4555", "text", "0");

    String first =
        as("channel-gateway")
            .header("Idempotency-Key", key)
            .body(zero)
            .post("/api/v1/channels/sms")
            .then()
            .statusCode(200)
            .extract()
            .path("reply");
    // the gateway redelivers the same SMS: the same answer, not a confirmed leave
    as("channel-gateway")
        .header("Idempotency-Key", key)
        .body(zero)
        .post("/api/v1/channels/sms")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", "true")
        .body("reply", is(first));
    asMember(msisdn).get("/api/v1/members/me").then().body("status", is("ACTIVE"));
  }

  @Test
  void shouldRejectBadChannelRequests() {
    assertProblem(
        as("channel-gateway")
            .header("Idempotency-Key", "k1")
            .body(Map.of("from", newMsisdn(), "to", "4556", "text", "Бонус"))
            .post("/api/v1/channels/sms"),
        400,
        "request.invalid");
    assertProblem(
        as("channel-gateway")
            .body(Map.of("msisdn", newMsisdn(), "request", "*111*455*0#"))
            .post("/api/v1/channels/ussd"),
        400,
        "idempotency.key-missing");
    assertProblem(
        as("channel-gateway")
            .header("Idempotency-Key", "k2")
            .body(Map.of("msisdn", "123", "request", "*111*455*0#"))
            .post("/api/v1/channels/ussd"),
        400,
        "request.invalid");
    assertProblem(
        asMember(newMsisdn())
            .header("Idempotency-Key", "k3")
            .body(Map.of("msisdn", newMsisdn(), "request", "*111*455*1#"))
            .post("/api/v1/channels/ussd"),
        403,
        "auth.forbidden");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(
      int status, String code) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"x\"}");
  }

  private static String membershipOf(String msisdn) {
    return as("support")
        .get("/api/v1/admin/registration/members?msisdn=" + msisdn)
        .jsonPath()
        .getString("[0].membershipId");
  }
}
