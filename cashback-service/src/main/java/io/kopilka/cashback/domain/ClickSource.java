package io.kopilka.cashback.domain;

/** Rule C3: cashback is earned only through the member's app or personal account on the web. */
public enum ClickSource {
  APP,
  WEB
}
