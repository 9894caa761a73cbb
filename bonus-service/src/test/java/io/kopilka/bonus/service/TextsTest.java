package io.kopilka.bonus.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kopilka.bonus.domain.SpendKind;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void anAccrualNamesTheSpendAndItsAmount() {
    assertEquals("Поездка на такси, 12,07 ₽", Texts.accrual(SpendKind.TAXI, 1_207, 0));
    assertEquals(
        "Оплата картой, 300,00 ₽; 4 б. в счёт возврата", Texts.accrual(SpendKind.CARD, 30_000, 4));
  }
}
