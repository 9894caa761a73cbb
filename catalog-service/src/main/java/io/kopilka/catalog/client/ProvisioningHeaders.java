package io.kopilka.catalog.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** The provisioning gateway's credentials ({@code kopilka.catalog.provisioning.authorization}). */
@ApplicationScoped
public class ProvisioningHeaders implements ClientHeadersFactory {

  private final Optional<String> authorization;

  public ProvisioningHeaders(
      @ConfigProperty(name = "kopilka.catalog.provisioning.authorization")
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
