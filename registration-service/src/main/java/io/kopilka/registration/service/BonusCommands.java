package io.kopilka.registration.service;

import io.kopilka.common.outbox.Outbox;
import io.kopilka.registration.domain.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What registration-service asks of bonus-service, written to the outbox in the caller's
 * transaction: a bonus-service outage delays these calls but never loses them, and the outbox row
 * id makes each one idempotent at bonus-service.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BonusCommands {

  static final String DESTINATION = "bonus";

  /** Body of bonus-service's {@code POST /internal/v1/accounts}. */
  public record OpenAccount(
      UUID membershipId, String msisdn, LocalDate joinedOn, LocalDate birthDate) {}

  /** Body of bonus-service's {@code POST /internal/v1/accounts/{membershipId}/birth-date}. */
  public record BirthDate(LocalDate birthDate) {}

  /** Body of bonus-service's {@code POST /internal/v1/accounts/{membershipId}/closure}. */
  public record CloseAccount(String reason) {}

  /** Body of bonus-service's {@code POST /internal/v1/credits}. */
  public record Credit(
      String msisdn,
      UUID membershipId,
      long points,
      String reason,
      String reference,
      String description) {}

  private final Outbox outbox;

  public BonusCommands(Outbox outbox) {
    this.outbox = outbox;
  }

  public void openAccount(Membership membership, LocalDate joinedOn) {
    outbox.enqueue(
        DESTINATION,
        "/internal/v1/accounts",
        new OpenAccount(membership.id, membership.msisdn, joinedOn, membership.birthDate));
  }

  /** The birth date of a member who joined without one, for the birthday bonus (rule R7). */
  public void setBirthDate(Membership membership) {
    outbox.enqueue(
        DESTINATION,
        "/internal/v1/accounts/" + membership.id + "/birth-date",
        new BirthDate(membership.birthDate));
  }

  public void closeAccount(Membership membership, String reason) {
    outbox.enqueue(
        DESTINATION,
        "/internal/v1/accounts/" + membership.id + "/closure",
        new CloseAccount(reason));
  }

  /**
   * Credits {@code points} to the account of {@code membership}, and to no later membership of the
   * number: if the membership ends before the credit arrives, bonus-service refuses it (rule R9).
   * {@code reason} is bonus-service's credit reason (WELCOME, EMAIL, REFERRAL).
   */
  public void credit(
      Membership membership, long points, String reason, String reference, String text) {
    outbox.enqueue(
        DESTINATION,
        "/internal/v1/credits",
        new Credit(membership.msisdn, membership.id, points, reason, reference, text));
  }
}
