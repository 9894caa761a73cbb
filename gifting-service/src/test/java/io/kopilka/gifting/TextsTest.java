package io.kopilka.gifting;

import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.text.SmsSegments;
import io.kopilka.gifting.service.Texts;
import org.junit.jupiter.api.Test;

/** The gift SMS fit in two segments (section H). */
class TextsTest {

  @Test
  void shouldKeepTheGiftSmsWithinTwoSegments() {
    assertThat(SmsSegments.count(Texts.code("123456", 3000, "79031234567"))).isLessThanOrEqualTo(2);
    assertThat(SmsSegments.count(Texts.received(3000, "79161234567"))).isLessThanOrEqualTo(2);
    assertThat(Texts.received(1, "79161234567"))
        .isEqualTo("Вам подарили 1 балл от +7 916 123-45-67. Баланс: *111*455*0#");
  }
}
