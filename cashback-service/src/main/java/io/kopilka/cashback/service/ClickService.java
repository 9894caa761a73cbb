package io.kopilka.cashback.service;

import io.kopilka.cashback.client.Members;
import io.kopilka.cashback.domain.Click;
import io.kopilka.cashback.domain.ClickSource;
import io.kopilka.cashback.domain.Partner;
import io.kopilka.cashback.domain.PartnerStatus;
import io.kopilka.cashback.rest.OfferDtos.ClickView;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.security.Msisdn;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Rule C3: a member goes to a partner through us; the click carries its id to the partner. */
@ApplicationScoped
public class ClickService {

  private static final Logger LOG = Logger.getLogger(ClickService.class);

  private final PartnerService partners;
  private final Members members;
  private final ProgrammeTime time;

  public ClickService(PartnerService partners, Members members, ProgrammeTime time) {
    this.partners = partners;
    this.members = members;
    this.time = time;
  }

  /**
   * Records the click with the rate in force now and returns the partner's URL carrying its id. The
   * membership is asked for outside any transaction.
   */
  public ClickView click(String msisdn, String partnerId, ClickSource source) {
    QuarkusTransaction.requiringNew().run(() -> requireActive(partners.find(partnerId)));
    UUID membershipId;
    try {
      membershipId =
          members
              .activeMembership(msisdn)
              .orElseThrow(
                  () ->
                      ProblemException.unprocessable(
                          "click.not-a-member",
                          "Cashback is earned by programme members only: join the programme"
                              + " first."));
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf("Click by %s: registration-service unavailable: %s", Msisdn.mask(msisdn), e);
      throw new ProblemException(
          503,
          "registration.unavailable",
          "Service unavailable",
          "The membership cannot be checked right now; nothing was recorded. Try again in a"
              + " minute.");
    }
    return QuarkusTransaction.requiringNew()
        .call(() -> record(msisdn, membershipId, partners.find(partnerId), source));
  }

  private ClickView record(String msisdn, UUID membershipId, Partner partner, ClickSource source) {
    requireActive(partner);
    Instant now = time.now();
    Click click = new Click();
    click.id = UUID.randomUUID();
    click.partnerId = partner.id;
    click.msisdn = msisdn;
    click.membershipId = membershipId;
    click.source = source;
    click.rateBp = partners.rateAt(partner, now);
    click.createdAt = now;
    click.persist();
    String url = partner.redirectTemplate.replace("{clickId}", click.id.toString());
    return new ClickView(click.id, url, click.rateBp, now);
  }

  private static void requireActive(Partner partner) {
    if (partner.status != PartnerStatus.ACTIVE) {
      throw ProblemException.unprocessable(
          "partner.paused", "Partner '" + partner.id + "' is paused and takes no clicks now.");
    }
  }
}
