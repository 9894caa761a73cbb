package io.kopilka.catalog.domain;

/** What a package contains. */
public enum PackageUnit {
  MINUTES,
  SMS,
  MMS,
  MB
}
