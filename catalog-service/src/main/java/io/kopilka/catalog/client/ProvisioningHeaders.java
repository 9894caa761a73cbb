package io.kopilka.catalog.client;

import io.kopilka.catalog.config.CatalogConfig;
import io.kopilka.common.client.AuthorizationHeaders;
import jakarta.inject.Singleton;

/** The provisioning gateway's credentials ({@code kopilka.catalog.provisioning.authorization}). */
@Singleton
public class ProvisioningHeaders extends AuthorizationHeaders {

  public ProvisioningHeaders(CatalogConfig config) {
    super(config.provisioning().authorization());
  }
}
