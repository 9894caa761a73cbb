package io.kopilka.catalog.service;

import java.time.LocalDate;

/** The dates an order's terms come to, counted from the programme date it completed. */
public final class OrderTerms {

  private OrderTerms() {}

  /** The last day an option works, or a package or certificate can be used; null without days. */
  public static LocalDate lastDay(LocalDate completed, Integer days) {
    return days == null ? null : completed.plusDays(days - 1L);
  }

  /** K4: the first day a subscription costs money, after {@code freeDays} free days. */
  public static LocalDate paidFrom(LocalDate completed, int freeDays) {
    return completed.plusDays(freeDays);
  }
}
