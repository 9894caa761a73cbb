package io.kopilka.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds this service's {@code service} token to calls of other services' internal endpoints. */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

  private final ServiceTokens tokens;

  public ServiceTokenHeaders(ServiceTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.putSingle("Authorization", tokens.bearer());
    return headers;
  }
}
