package io.kopilka.common.security;

import io.kopilka.common.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the token's subject and roles. */
@RequestScoped
public class Caller {

  private final SecurityIdentity identity;

  public Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The caller's principal name, used to scope idempotency keys. */
  public String name() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  /** The member's MSISDN from a member token; a malformed subject is refused. */
  public String memberMsisdn() {
    String msisdn = name();
    if (!identity.hasRole(Roles.MEMBER) || !Msisdn.isValid(msisdn)) {
      throw new ProblemException(
          403, "auth.not-a-member", "Forbidden", "This operation needs a member token.");
    }
    return msisdn;
  }
}
