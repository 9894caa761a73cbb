package io.kopilka.gifting;

import static io.kopilka.common.testing.Requests.asMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.testing.BonusServiceProcess;
import io.kopilka.common.testing.OutboxRows;
import io.kopilka.common.testing.RegistrationServiceProcess;
import io.kopilka.common.testing.Requests;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls of the gifting-service API that tests share. */
final class Api {

  private static final Pattern CODE = Pattern.compile("подарка: (\\d{6})");

  private Api() {}

  /** A member who joined by USSD in registration-service, with {@code points} in bonus-service. */
  static String member(long points) {
    String msisdn = Requests.newMsisdn();
    RegistrationServiceProcess.join(msisdn, points);
    return msisdn;
  }

  static Response gift(String sender, String recipient, long points) {
    return asMember(sender)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("recipientMsisdn", recipient, "points", points))
        .post("/api/v1/gifts");
  }

  /** Creates a gift that awaits confirmation; returns its id. */
  static UUID awaiting(String sender, String recipient, long points) {
    return UUID.fromString(
        gift(sender, recipient, points).then().statusCode(201).extract().path("giftId"));
  }

  /** The code of the sender's latest gift, from the SMS queued for registration-service. */
  static String code(String sender) {
    List<OutboxRows.Row> sms = OutboxRows.to("registration", sender);
    assertThat(sms).isNotEmpty();
    Matcher m = CODE.matcher(sms.get(sms.size() - 1).payload());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static Response confirm(String sender, UUID giftId, String code) {
    return asMember(sender)
        .body(Map.of("code", code))
        .post("/api/v1/gifts/" + giftId + "/confirmation");
  }

  /** Creates and confirms a gift; the confirmation's response. */
  static Response send(String sender, String recipient, long points) {
    UUID id = awaiting(sender, recipient, points);
    return confirm(sender, id, code(sender));
  }

  static long balance(String msisdn) {
    return BonusServiceProcess.account(msisdn).getLong("balance");
  }
}
