package io.kopilka.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RussianPluralTest {

  @Test
  void shouldPickTheFormRussianGrammarWants() {
    assertThat(RussianPlural.of(1, "балл", "балла", "баллов")).isEqualTo("1 балл");
    assertThat(RussianPlural.of(3, "балл", "балла", "баллов")).isEqualTo("3 балла");
    assertThat(RussianPlural.of(5, "балл", "балла", "баллов")).isEqualTo("5 баллов");
    assertThat(RussianPlural.of(11, "балл", "балла", "баллов")).isEqualTo("11 баллов");
    assertThat(RussianPlural.of(14, "балл", "балла", "баллов")).isEqualTo("14 баллов");
    assertThat(RussianPlural.of(21, "балл", "балла", "баллов")).isEqualTo("21 балл");
    assertThat(RussianPlural.of(112, "балл", "балла", "баллов")).isEqualTo("112 баллов");
    assertThat(RussianPlural.of(1251, "балл", "балла", "баллов")).isEqualTo("1251 балл");
    assertThat(RussianPlural.of(0, "балл", "балла", "баллов")).isEqualTo("0 баллов");
  }
}
