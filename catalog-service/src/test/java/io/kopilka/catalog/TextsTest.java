package io.kopilka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.service.Failure;
import io.kopilka.catalog.service.Texts;
import io.kopilka.common.text.SmsSegments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every order SMS fits in two segments, however long the title (section H). */
class TextsTest {

  private static final String LONGEST_TITLE = "Ж".repeat(60);
  private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

  @Test
  void shouldKeepEveryOrderSmsWithinTwoSegments() {
    List<String> texts = new ArrayList<>();
    for (String title : List.of("30 минут внутри сети", LONGEST_TITLE)) {
      texts.add(Texts.certificateIssued(title, "X".repeat(64), DAY, 5000));
      texts.add(Texts.activated(title, DAY, 1500));
      texts.add(Texts.activated(title, null, 1500));
      texts.add(Texts.subscribed(title, DAY, 16950, 150));
      texts.add(Texts.refunded(title, 5500));
      for (Failure failure : Failure.values()) {
        texts.add(Texts.failed(title, failure.reason));
      }
    }
    assertThat(texts)
        .allSatisfy(text -> assertThat(SmsSegments.count(text)).as(text).isLessThanOrEqualTo(2));
  }

  @Test
  void shouldShortenOnlyTitlesThatDoNotFit() {
    assertThat(Texts.activated("30 минут внутри сети", DAY, 210))
        .isEqualTo(
            "Подключено: 30 минут внутри сети. Действует по 01.12.2026. Списано 210 баллов.");
    assertThat(Texts.subscribed(LONGEST_TITLE, DAY, 9800, 100))
        .contains("…")
        .endsWith("её можно отключить.");
  }

  @Test
  void shouldStateSubscriptionTermsInRublesAndDays() {
    assertThat(Texts.terms(RewardKind.SUBSCRIPTION, 14, 9800L))
        .isEqualTo("14 дней бесплатно, затем 98 руб. в месяц");
    assertThat(Texts.terms(RewardKind.SUBSCRIPTION, 1, 16950L))
        .isEqualTo("1 день бесплатно, затем 169,50 руб. в месяц");
    assertThat(Texts.terms(RewardKind.OPTION, 30, null)).isNull();
  }
}
