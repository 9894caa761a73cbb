package io.kopilka.common.client;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The {@code Authorization} header an external provider expects (its API key), from a setting of
 * the subclass's choosing; no header when the setting is absent (the local stand-ins).
 */
public abstract class AuthorizationHeaders implements ClientHeadersFactory {

  private final Optional<String> authorization;

  protected AuthorizationHeaders(Optional<String> authorization) {
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
