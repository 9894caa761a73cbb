package io.kopilka.cashback.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks registration-service for a number's active membership. */
@ApplicationScoped
public class Members {

  private final RegistrationApi api;

  public Members(@RestClient RegistrationApi api) {
    this.api = api;
  }

  /** The id of the number's active membership; empty for none or one under review. */
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 100)
  @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
  public Optional<UUID> activeMembership(String msisdn) {
    try {
      RegistrationApi.Membership membership = api.current(msisdn);
      return "ACTIVE".equals(membership.status())
          ? Optional.of(membership.membershipId())
          : Optional.empty();
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** An active member: the number and the membership's id. */
  public record Member(String msisdn, UUID membershipId) {}

  /** A page of active members in number order, after {@code after}. */
  public record Page(List<Member> members, String next) {}

  /** Active members with numbers after {@code after} (null: from the start). */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200)
  public Page active(String after, int limit) {
    RegistrationApi.Page page = api.active(after, limit);
    return new Page(
        page.items().stream().map(m -> new Member(m.msisdn(), m.membershipId())).toList(),
        page.next());
  }
}
