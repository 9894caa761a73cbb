package io.kopilka.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MsisdnTest {

  @Test
  void shouldAcceptElevenDigitsStartingWithSeven() {
    assertThat(Msisdn.isValid("79161234567")).isTrue();
    assertThat(Msisdn.isValid("89161234567")).isFalse();
    assertThat(Msisdn.isValid("7916123456")).isFalse();
    assertThat(Msisdn.isValid("7916123456a")).isFalse();
    assertThat(Msisdn.isValid(null)).isFalse();
  }

  @Test
  void shouldMaskTheMiddleForLogs() {
    assertThat(Msisdn.mask("79161234567")).isEqualTo("7916*****67");
    assertThat(Msisdn.mask("123")).isEqualTo("***");
    assertThat(Msisdn.mask(null)).isEqualTo("***");
  }

  @Test
  void shouldWriteANumberAsPeopleDo() {
    assertThat(Msisdn.asPhone("79161234567")).isEqualTo("+7 916 123-45-67");
    assertThat(Msisdn.asPhone(Msisdn.mask("79161234567"))).isEqualTo("+7 916 ***-**-67");
  }
}
