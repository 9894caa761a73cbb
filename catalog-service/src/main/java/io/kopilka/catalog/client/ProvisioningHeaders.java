package io.kopilka.catalog.client;

import io.kopilka.common.client.AuthorizationHeaders;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The provisioning gateway's credentials ({@code kopilka.catalog.provisioning.authorization}). */
@Singleton
public class ProvisioningHeaders extends AuthorizationHeaders {

  public ProvisioningHeaders(
      @ConfigProperty(name = "kopilka.catalog.provisioning.authorization")
          Optional<String> authorization) {
    super(authorization);
  }
}
