package io.kopilka.cashback.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** The billing gateway's credentials ({@code kopilka.cashback.billing.authorization}). */
@ApplicationScoped
public class BillingHeaders implements ClientHeadersFactory {

  private final Optional<String> authorization;

  public BillingHeaders(
      @ConfigProperty(name = "kopilka.cashback.billing.authorization")
          Optional<String> authorization) {
    this.authorization = authorization;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    authorization.ifPresent(value -> headers.putSingle("Authorization", value));
    return headers;
  }
}
