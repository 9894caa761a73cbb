package io.kopilka.catalog;

import static io.kopilka.common.testing.Requests.as;
import static io.kopilka.common.testing.Requests.asMember;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.Requests;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls of the catalog-service API that tests share. */
final class Api {

  private static final AtomicInteger NEXT_CODE =
      new AtomicInteger(100_000 + ThreadLocalRandom.current().nextInt(800_000));

  private Api() {}

  /** A reward code no other test of this JVM uses. */
  static String newRewardCode() {
    return Integer.toString(NEXT_CODE.incrementAndGet());
  }

  /** A member with an account in the real bonus-service holding {@code points}. */
  static String member(long points) {
    String msisdn = Requests.newMsisdn();
    BonusServiceProcess.openAccount(msisdn, points);
    return msisdn;
  }

  static Response order(String msisdn, String rewardCode) {
    return order(msisdn, rewardCode, UUID.randomUUID().toString());
  }

  static Response order(String msisdn, String rewardCode, String key) {
    return asMember(msisdn)
        .header("Idempotency-Key", key)
        .body(Map.of("rewardCode", rewardCode))
        .post("/api/v1/redemptions");
  }

  static long available(String msisdn) {
    return BonusServiceProcess.account(msisdn).getLong("available");
  }

  static long balance(String msisdn) {
    return BonusServiceProcess.account(msisdn).getLong("balance");
  }

  /** Adds (or replaces) a reward through the admin API. */
  static void putReward(String code, Map<String, Object> reward) {
    as("admin")
        .body(reward)
        .put("/api/v1/admin/catalog/rewards/" + code)
        .then()
        .statusCode(oneOf(200, 201));
  }

  /** A certificate reward of its own with {@code codes} in its pool. */
  static String certificateReward(long points, List<String> codes) {
    String code = newRewardCode();
    putReward(
        code,
        Map.of(
            "title",
            "Сертификат " + code,
            "description",
            "Тестовый сертификат",
            "category",
            "PARTNER_CERTIFICATE",
            "points",
            points,
            "kind",
            "CERTIFICATE",
            "days",
            90));
    if (!codes.isEmpty()) {
      as("admin")
          .body(Map.of("codes", codes))
          .post("/api/v1/admin/catalog/rewards/" + code + "/certificates")
          .then()
          .statusCode(200);
    }
    return code;
  }

  /** An option reward of its own (activated by the stand-in gateway). */
  static String optionReward(long points) {
    String code = newRewardCode();
    putReward(
        code,
        Map.of(
            "title", "Опция " + code,
            "description", "Тестовая опция",
            "category", "SERVICE_OPTION",
            "points", points,
            "kind", "OPTION",
            "product", "opt-test",
            "days", 30));
    return code;
  }

  static void provisioning(String mode) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("mode", mode))
        .put("/dev/provisioning/mode")
        .then()
        .statusCode(200);
  }
}
