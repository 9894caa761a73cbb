package io.kopilka.registration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server per test JVM standing in for bonus-service, catalog-service and the SMS
 * provider (under {@code /sms}). By default every call succeeds and no number has an account.
 */
public class Stubs implements QuarkusTestResourceLifecycleManager {

  static final String SMS_PROVIDER_AUTHORIZATION = "Bearer sms-provider-test-key";

  private static WireMockServer server;

  @Override
  public synchronized Map<String, String> start() {
    if (server == null) {
      server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      server.start();
    }
    reset();
    String url = server.baseUrl();
    return Map.of(
        "quarkus.rest-client.bonus.url", url,
        "quarkus.rest-client.catalog.url", url,
        "kopilka.outbox.destinations.bonus.url", url,
        "kopilka.outbox.destinations.sms-gateway.url", url + "/sms",
        "kopilka.outbox.destinations.sms-gateway.authorization", SMS_PROVIDER_AUTHORIZATION);
  }

  @Override
  public void stop() {
    // shared by every Quarkus start of the JVM; the JVM's exit stops it
  }

  static WireMockServer server() {
    return server;
  }

  /** Back to the default answers, with an empty request journal. */
  static void reset() {
    server.resetRequests();
    answerDefaults();
  }

  /** Every call succeeds; balances are 404 (no account). The request journal is kept. */
  static void answerDefaults() {
    server.resetMappings();
    server.stubFor(post(urlEqualTo("/sms/messages")).willReturn(aResponse().withStatus(202)));
    server.stubFor(
        post(urlEqualTo("/internal/v1/accounts")).willReturn(okJson("{}").withStatus(201)));
    server.stubFor(
        post(urlPathMatching("/internal/v1/accounts/[^/]+/closure")).willReturn(okJson("{}")));
    server.stubFor(
        post(urlEqualTo("/internal/v1/credits")).willReturn(okJson("{}").withStatus(201)));
  }

  /** bonus-service reports this balance for the number. */
  static void balance(String msisdn, long balance, long expiring) {
    server.stubFor(
        get(urlEqualTo("/internal/v1/accounts/" + msisdn + "/balance"))
            .willReturn(
                okJson(
                    "{\"msisdn\":\""
                        + msisdn
                        + "\",\"available\":"
                        + balance
                        + ",\"held\":0,\"balance\":"
                        + balance
                        + ",\"expiringAtYearEnd\":"
                        + expiring
                        + ",\"expiresAt\":\"2026-12-31T21:00:00Z\",\"someNewField\":1}")));
  }

  /**
   * catalog-service answers an order of {@code rewardCode} by {@code msisdn} with {@code answer}.
   */
  static void redemption(
      String msisdn, String rewardCode, String channel, ResponseDefinitionBuilder answer) {
    server.stubFor(
        post(urlEqualTo("/internal/v1/redemptions"))
            .withRequestBody(
                equalToJson(
                    "{\"msisdn\":\""
                        + msisdn
                        + "\",\"rewardCode\":\""
                        + rewardCode
                        + "\",\"channel\":\""
                        + channel
                        + "\"}"))
            .willReturn(answer));
  }
}
