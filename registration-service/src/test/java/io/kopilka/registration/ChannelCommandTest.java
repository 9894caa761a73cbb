package io.kopilka.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kopilka.common.text.SmsSegments;
import io.kopilka.registration.service.ChannelCommand;
import io.kopilka.registration.service.Texts;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the section H commands and the length of every reply. */
class ChannelCommandTest {

  @Test
  void shouldParseUssd() {
    assertThat(ChannelCommand.ussd("*111*455*1#")).isInstanceOf(ChannelCommand.Join.class);
    assertThat(ChannelCommand.ussd(" * 111 * 455 * 0 # "))
        .isInstanceOf(ChannelCommand.Balance.class);
    assertThat(ChannelCommand.ussd("*111*455*32#")).isEqualTo(new ChannelCommand.Order("32"));
    assertThat(ChannelCommand.ussd("*111*455*ab1#")).isEqualTo(new ChannelCommand.Help());
    assertThat(ChannelCommand.ussd("*111*455*011#")).isEqualTo(new ChannelCommand.Help());
    for (String other :
        List.of("", "*111#", "*111*455#", "*111*455*1", "*111*455**#", "*111*456*1#")) {
      assertThat(ChannelCommand.ussd(other)).as(other).isInstanceOf(ChannelCommand.Help.class);
    }
  }

  @Test
  void shouldParseSms() {
    assertThat(ChannelCommand.sms("")).isInstanceOf(ChannelCommand.Join.class);
    assertThat(ChannelCommand.sms(" \n ")).isInstanceOf(ChannelCommand.Join.class);
    for (String balance : List.of("Бонус", "БОНУС", "бонус", " бонуС ", "Бо нус")) {
      assertThat(ChannelCommand.sms(balance))
          .as(balance)
          .isInstanceOf(ChannelCommand.Balance.class);
    }
    assertThat(ChannelCommand.sms(" 0 ")).isInstanceOf(ChannelCommand.Leave.class);
    assertThat(ChannelCommand.sms("11")).isEqualTo(new ChannelCommand.Order("11"));
    assertThat(ChannelCommand.sms("promo7")).isEqualTo(new ChannelCommand.Help());
    assertThat(ChannelCommand.sms("1234567")).isEqualTo(new ChannelCommand.Help());
    for (String other : List.of("Бонусы", "привет", "11 12", "0 0", "ABCDEFGHIJK")) {
      assertThat(ChannelCommand.sms(other)).as(other).isInstanceOf(ChannelCommand.Help.class);
    }
  }

  @Test
  void shouldKeepEveryReplyWithinTwoSmsSegments() {
    LocalDate day = LocalDate.of(2026, 12, 31);
    List<String> replies =
        List.of(
            Texts.help(),
            Texts.loginCode("123456"),
            Texts.joined(),
            Texts.alreadyMember(),
            Texts.applicationPending(),
            Texts.applicationApproved(100),
            Texts.applicationRejected(),
            Texts.notMember(),
            Texts.balance(9_999_999, 9_999_999, day),
            Texts.accountOpening(),
            Texts.confirmLeave(9_999_999),
            Texts.left(),
            Texts.invitation("79161234567"),
            Texts.ordered("Очень длинное название приза ".repeat(5), 9_999_999),
            Texts.rewardNotFound("ABCDEFGHIJ"),
            Texts.notEnoughPoints("ABCDEFGHIJ"),
            Texts.orderRefused("ABCDEFGHIJ"),
            Texts.outOfStock("999999"),
            Texts.cannotActivate("999999"),
            Texts.temporarilyUnavailable());
    for (String reply : replies) {
      assertThat(SmsSegments.count(reply)).as(reply).isLessThanOrEqualTo(SmsSegments.MAX);
    }
  }

  @Test
  void shouldCountSegments() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("{".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("Ж".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.count("Ж".repeat(71))).isEqualTo(2);
    assertThat(SmsSegments.count("Ж".repeat(134))).isEqualTo(2);
    assertThat(SmsSegments.count("Ж".repeat(135))).isEqualTo(3);
  }

  @Test
  void shouldMaskTheInvitersNumberInTheInvitation() {
    assertThat(Texts.invitation("79161234567"))
        .startsWith("Абонент +7 916 ***-**-67 приглашает вас в программу Копилка.")
        .contains("*111*455*1#", "4555")
        .doesNotContain("123-45");
  }

  @Test
  void shouldDeclinePointsInRussian() {
    assertThat(Texts.points(1)).isEqualTo("1 балл");
    assertThat(Texts.points(3)).isEqualTo("3 балла");
    assertThat(Texts.points(1250)).isEqualTo("1250 баллов");
  }
}
