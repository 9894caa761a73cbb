package io.kopilka.catalog.service;

import io.kopilka.common.error.Problem;
import java.util.Arrays;

/**
 * Why an order failed: its problem code and HTTP status (the answer to the order and to every retry
 * with its key), and the reason told to the member by SMS.
 */
public enum Failure {
  INSUFFICIENT_POINTS(422, "redemption.insufficient-points", "не хватает баллов"),
  NO_ACCOUNT(409, "redemption.no-account", "номер не участвует в программе"),
  OUT_OF_STOCK(409, "reward.out-of-stock", "сертификаты закончились"),
  FULFILMENT_REFUSED(422, "redemption.fulfilment-refused", "услугу нельзя подключить на номер"),
  FULFILMENT_UNAVAILABLE(503, "redemption.fulfilment-unavailable", "услуга временно недоступна"),
  BONUS_UNAVAILABLE(503, "bonus.unavailable", "сервис баллов временно недоступен"),
  BONUS_REFUSED(502, "bonus.refused", "сервис баллов отклонил заказ");

  public final int status;
  public final String code;
  public final String reason;

  Failure(int status, String code, String reason) {
    this.status = status;
    this.code = code;
    this.reason = reason;
  }

  public static Failure of(String code) {
    return Arrays.stream(values())
        .filter(f -> f.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown failure " + code));
  }

  public Problem problem(String detail) {
    String title = status >= 500 ? "Service unavailable" : "Order refused";
    return Problem.of(status, code, title, detail);
  }
}
