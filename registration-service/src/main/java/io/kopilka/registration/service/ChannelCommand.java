package io.kopilka.registration.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command of the USSD and SMS channels (section H), parsed leniently. */
public sealed interface ChannelCommand {

  /** Join the programme (rules R4, R5). */
  record Join() implements ChannelCommand {}

  /** Ask for the balance (rule B1). */
  record Balance() implements ChannelCommand {}

  /** Leave the programme (rule R9). */
  record Leave() implements ChannelCommand {}

  /** Order the reward with this code (rule K3). */
  record Order(String rewardCode) implements ChannelCommand {}

  /** Anything else: the reply lists the commands. */
  record Help() implements ChannelCommand {}

  /** Reward codes as catalog-service gives them: 2-6 digits without a leading zero (K3). */
  Pattern REWARD_CODE = Pattern.compile("[1-9][0-9]{1,5}");

  Pattern USSD = Pattern.compile("\\*111\\*455\\*([0-9]{1,6})#");

  /** {@code *111*455*1#} joins, {@code *111*455*0#} asks for the balance, other codes order. */
  static ChannelCommand ussd(String request) {
    Matcher m = USSD.matcher(request.replaceAll("\\s+", ""));
    if (!m.matches()) {
      return new Help();
    }
    return switch (m.group(1)) {
      case "1" -> new Join();
      case "0" -> new Balance();
      default -> REWARD_CODE.matcher(m.group(1)).matches() ? new Order(m.group(1)) : new Help();
    };
  }

  /** Empty joins, {@code Бонус} in any case asks for the balance, {@code 0} leaves. */
  static ChannelCommand sms(String text) {
    String command = text == null ? "" : text.strip();
    if (command.isEmpty()) {
      return new Join();
    }
    if (command.replaceAll("\\s+", "").equalsIgnoreCase("бонус")) {
      return new Balance();
    }
    if (command.equals("0")) {
      return new Leave();
    }
    if (REWARD_CODE.matcher(command).matches()) {
      return new Order(command);
    }
    return new Help();
  }
}
