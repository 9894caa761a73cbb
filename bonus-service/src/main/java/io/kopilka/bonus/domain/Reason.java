package io.kopilka.bonus.domain;

import java.util.EnumSet;
import java.util.Set;

/** Why a ledger entry exists (B2): every accrual, spend, gift, expiry and reversal has one. */
public enum Reason {
  /** Points for a spend event (A1-A4). */
  ACCRUAL,
  /** The one-time card threshold bonus (A5). */
  CARD_BONUS,
  /** Points of a refunded spend taken back (A8). */
  ACCRUAL_REVERSAL,
  WELCOME,
  EMAIL,
  REFERRAL,
  BIRTHDAY,
  PROMOTION,
  CASHBACK,
  /** Points received as a gift (G1). */
  GIFT,
  /** Points gifted to another member (G1). */
  GIFT_SENT,
  /** Points returned after a refunded redemption. */
  REFUND,
  ADJUSTMENT,
  /** A captured hold: a reward paid with points (K5). */
  REDEMPTION,
  /** Points paid towards the phone bill (B4, C7). */
  BILL_PAYMENT,
  /** Points that reached the end of their year (B3). */
  EXPIRY,
  /** The balance lost on leaving the programme (R9). */
  FORFEIT;

  /** Reasons other services may credit through {@code /internal/v1/credits}. */
  public static final Set<Reason> CREDITABLE =
      EnumSet.of(WELCOME, EMAIL, REFERRAL, BIRTHDAY, PROMOTION, CASHBACK, GIFT, REFUND, ADJUSTMENT);
}
