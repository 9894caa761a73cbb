package io.kopilka.cashback.client;

import io.kopilka.common.client.AuthorizationHeaders;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The billing gateway's credentials ({@code kopilka.cashback.billing.authorization}). */
@Singleton
public class BillingHeaders extends AuthorizationHeaders {

  public BillingHeaders(
      @ConfigProperty(name = "kopilka.cashback.billing.authorization")
          Optional<String> authorization) {
    super(authorization);
  }
}
