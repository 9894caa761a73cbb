package io.kopilka.registration.rest;

import io.kopilka.common.security.Msisdn;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of invitations (rule R6). */
public final class InvitationDtos {

  private InvitationDtos() {}

  /** The friend to invite. */
  public record InvitationRequest(
      @NotNull
          @Pattern(regexp = Msisdn.REGEX, message = Msisdn.MESSAGE)
          @Schema(description = "The friend's number", example = "79031234567")
          String msisdn) {}

  /** What an invitation is, as its inviter sees it. */
  public record InvitationView(
      UUID invitationId,
      @Schema(example = "79031234567") String friendMsisdn,
      Instant createdAt,
      @Schema(description = "The friend must apply before this instant for the invitation to count")
          Instant expiresAt,
      @Schema(
              description =
                  "OPEN: valid, the friend has not joined on it; JOINED: the friend became a member"
                      + " and this invitation counted; EXPIRED: it ended unused",
              example = "OPEN")
          String status,
      @Schema(
              description =
                  "Whether the friend's joining earned the inviter the referral bonus (rule R6:"
                      + " once per friend, to an inviter who is an active member then)",
              example = "false")
          boolean bonusEarned) {}
}
