package io.kopilka.cashback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kopilka.cashback.service.WebhookSignatures;
import io.kopilka.common.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HMAC and the Standard Webhooks scheme against published test vectors. */
class WebhookSignaturesTest {

  // https://www.standardwebhooks.com: the reference implementations' test vector
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant SENT = Instant.ofEpochSecond(TIMESTAMP);

  @Test
  void githubsPublishedHmacVectorPassesThroughOurHmac() {
    // docs.github.com, "Validating webhook deliveries"
    byte[] mac =
        WebhookSignatures.hmacSha256(
            "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8),
            "Hello, World!".getBytes(StandardCharsets.UTF_8));
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void signingReproducesTheStandardWebhooksVector() {
    assertThat(WebhookSignatures.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void theWorkedExampleOfThePartnersGuideIsRight() {
    // docs/partner-webhooks.md, "Worked example"
    String body =
        "{\"clickId\":\"0b7a6a3e-2f4c-4c1e-9a51-3f0f6f1d2b8c\",\"orderId\":\"A-1001\","
            + "\"amountKopecks\":259999,\"currency\":\"RUB\",\"status\":\"APPROVED\","
            + "\"occurredAt\":\"2026-12-01T09:30:00Z\"}";
    assertThat(
            WebhookSignatures.sign(
                "whsec_a29waWxrYS1sb2NhbC1kZW1vLXBhcnRuZXIta2V5ISE=",
                "msg_2bXkP7YcQ1",
                1796119800,
                body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v1,0okr3ERbhSvE5DPz5k8kfG02hjTlqAfM4/wk/tu4wI4=");
  }

  @Test
  void theVectorVerifiesWithinFiveMinutesEitherSide() {
    for (long skew : new long[] {-300, 0, 300}) {
      assertThatCode(() -> verify(List.of(SECRET), SIGNATURE, BODY, SENT.plusSeconds(skew)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void anyOfSeveralSignaturesAndAnyValidSecretWill() {
    String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    assertThatCode(
            () -> verify(List.of(other, SECRET), "v1,bm9wZQ== v2,xyz " + SIGNATURE, BODY, SENT))
        .doesNotThrowAnyException();
  }

  @Test
  void aBodyChangedByOneByteFails() {
    byte[] changed = BODY.clone();
    changed[changed.length - 2]++;
    assertCode(
        () -> verify(List.of(SECRET), SIGNATURE, changed, SENT), "webhook.signature-invalid");
  }

  @Test
  void anotherSecretFails() {
    String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    assertCode(() -> verify(List.of(other), SIGNATURE, BODY, SENT), "webhook.signature-invalid");
    assertCode(() -> verify(List.of(), SIGNATURE, BODY, SENT), "webhook.signature-invalid");
  }

  @Test
  void staleAndFutureTimestampsFail() {
    assertCode(
        () -> verify(List.of(SECRET), SIGNATURE, BODY, SENT.plusSeconds(301)),
        "webhook.timestamp-stale");
    assertCode(
        () -> verify(List.of(SECRET), SIGNATURE, BODY, SENT.minusSeconds(301)),
        "webhook.timestamp-future");
  }

  @Test
  void missingHeadersAndOtherSchemesFail() {
    assertCode(
        () -> WebhookSignatures.verify(List.of(SECRET), ID, null, SIGNATURE, BODY, SENT),
        "webhook.signature-missing");
    assertCode(
        () -> WebhookSignatures.verify(List.of(SECRET), ID, "soon", SIGNATURE, BODY, SENT),
        "webhook.timestamp-invalid");
    assertCode(
        () -> verify(List.of(SECRET), SIGNATURE.replace("v1,", "v2,"), BODY, SENT),
        "webhook.signature-invalid");
  }

  private static void verify(List<String> secrets, String signature, byte[] body, Instant now) {
    WebhookSignatures.verify(secrets, ID, Long.toString(TIMESTAMP), signature, body, now);
  }

  private static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).problem().code()).isEqualTo(code))
        .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(401));
  }
}
