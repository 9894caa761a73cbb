package io.kopilka.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RublesTest {

  @Test
  void withKopecksAlwaysShowsTwoDigitsOfKopecks() {
    assertThat(Rubles.withKopecks(0)).isEqualTo("0,00");
    assertThat(Rubles.withKopecks(5)).isEqualTo("0,05");
    assertThat(Rubles.withKopecks(10)).isEqualTo("0,10");
    assertThat(Rubles.withKopecks(100)).isEqualTo("1,00");
    assertThat(Rubles.withKopecks(123_456)).isEqualTo("1234,56");
  }

  @Test
  void compactLeavesOutKopecksWhenThereAreNone() {
    assertThat(Rubles.compact(0)).isEqualTo("0");
    assertThat(Rubles.compact(1_200)).isEqualTo("12");
    assertThat(Rubles.compact(1_207)).isEqualTo("12,07");
    assertThat(Rubles.compact(1_250)).isEqualTo("12,50");
  }
}
