package io.kopilka.cashback.client;

import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.common.client.AuthorizationHeaders;
import jakarta.inject.Singleton;

/** The billing gateway's credentials ({@code kopilka.cashback.billing.authorization}). */
@Singleton
public class BillingHeaders extends AuthorizationHeaders {

  public BillingHeaders(CashbackConfig config) {
    super(config.billing().authorization());
  }
}
