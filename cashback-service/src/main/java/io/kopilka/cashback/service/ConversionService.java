package io.kopilka.cashback.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kopilka.cashback.domain.AttributionFailure;
import io.kopilka.cashback.domain.Click;
import io.kopilka.cashback.domain.Conversion;
import io.kopilka.cashback.domain.ConversionSource;
import io.kopilka.cashback.domain.ConversionStatus;
import io.kopilka.cashback.rest.ConversionDtos.ConversionAck;
import io.kopilka.cashback.rest.ConversionDtos.ConversionReport;
import io.kopilka.cashback.rest.ConversionDtos.ReportStatus;
import io.kopilka.common.error.Problem;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * Partners' conversion reports (C3, C4): signature first, then attribution to a click, then the
 * conversion's status, all or nothing. A delivery's {@code webhook-id} is recorded with its effect,
 * so a redelivery changes nothing.
 */
@ApplicationScoped
public class ConversionService {

  private final EntityManager em;
  private final ObjectMapper json;
  private final Validator validator;
  private final Credits credits;
  private final ConversionStore store;
  private final PartnerSecrets secrets;
  private final ProgrammeTime time;

  public ConversionService(
      EntityManager em,
      ObjectMapper json,
      Validator validator,
      Credits credits,
      ConversionStore store,
      PartnerSecrets secrets,
      ProgrammeTime time) {
    this.em = em;
    this.json = json;
    this.validator = validator;
    this.credits = credits;
    this.store = store;
    this.secrets = secrets;
    this.time = time;
  }

  /** The signed delivery as received: the body is the raw bytes the signature covers. */
  public record Delivery(
      String partnerId, String webhookId, String timestamp, String signature, byte[] body) {}

  /** A report that no click accounts for; recorded for the partner's report, then answered. */
  static final class AttributionFailed extends RuntimeException {
    final String rule;

    AttributionFailed(String rule, String detail) {
      super(detail, null, false, false);
      this.rule = rule;
    }
  }

  /**
   * Verifies, parses and applies a delivery; throws a problem for anything refused, and Jackson's
   * exceptions (for the common problem mappers) for a body that is not a report.
   */
  public ConversionAck receive(Delivery delivery) throws IOException {
    PartnerSecrets.Terms partner = secrets.verify(delivery);
    if (delivery.webhookId().length() > 100) {
      throw ProblemException.badRequest(
          "webhook.id-too-long", "webhook-id must be at most 100 characters.");
    }
    ConversionReport report = parse(delivery.body());
    try {
      return QuarkusTransaction.requiringNew()
          .call(() -> apply(partner, delivery.webhookId(), report));
    } catch (AttributionFailed e) {
      QuarkusTransaction.requiringNew()
          .run(() -> recordFailure(delivery.partnerId(), delivery.webhookId(), report, e.rule));
      throw new ProblemException(
          Problem.of(422, e.rule, "Purchase not attributed", e.getMessage()));
    }
  }

  private ConversionReport parse(byte[] body) throws IOException {
    ConversionReport report = json.readValue(body, ConversionReport.class);
    if (report == null) {
      throw ProblemException.badRequest("request.body-required", "A JSON body is required.");
    }
    Set<ConstraintViolation<ConversionReport>> violations = validator.validate(report);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    if (report.occurredAt().isAfter(time.now().plus(WebhookSignatures.TOLERANCE))) {
      throw ProblemException.invalid("occurredAt", "must not be in the future");
    }
    return report;
  }

  private ConversionAck apply(
      PartnerSecrets.Terms partner, String webhookId, ConversionReport report) {
    Instant now = time.now();
    int inserted =
        em.createNativeQuery(
                "insert into webhook_delivery (partner_id, webhook_id, received_at)"
                    + " values (:partner, :webhook, :now) on conflict do nothing")
            .unwrap(NativeQuery.class)
            // no entity maps the table: naming it spares the session a flush before the insert
            .addSynchronizedQuerySpace("webhook_delivery")
            .setParameter("partner", partner.id())
            .setParameter("webhook", webhookId)
            .setParameter("now", now)
            .executeUpdate();
    if (inserted == 0) {
      // a redelivery of a message that was applied: the same id carries the same report
      Conversion applied = store.find(partner.id(), report.orderId());
      if (applied == null) {
        throw ProblemException.conflict(
            "webhook.id-reused",
            "webhook-id "
                + webhookId
                + " was delivered before with another order; a new message needs a new id.");
      }
      return ack(applied);
    }
    Click click = attribute(partner, report);
    if (report.status() != ReportStatus.PENDING) {
      // a decision mostly follows its order's PENDING report: take that row first
      Conversion reported = store.lock(partner.id(), report.orderId());
      if (reported != null) {
        transition(reported, partner, click, report, now);
        return ack(reported);
      }
    }
    Conversion candidate = candidate(partner, click, report);
    boolean created = store.create(candidate);
    if (created && report.status() == ReportStatus.PENDING) {
      // a new order, pending: the row as inserted is the answer, no need to read it back
      return ack(candidate);
    }
    Conversion conversion = store.lock(partner.id(), report.orderId());
    if (created) {
      decide(conversion, partner, report.status(), now);
    } else {
      transition(conversion, partner, click, report, now);
    }
    return ack(conversion);
  }

  /** The order's conversion as its first report makes it: pending, with the click's rate. */
  private static Conversion candidate(
      PartnerSecrets.Terms partner, Click click, ConversionReport report) {
    Conversion candidate = new Conversion();
    candidate.id = UUID.randomUUID();
    candidate.partnerId = partner.id();
    candidate.orderId = report.orderId();
    candidate.clickId = click.id;
    candidate.msisdn = click.msisdn;
    candidate.membershipId = click.membershipId;
    candidate.rateBp = click.rateBp;
    candidate.setAmount(report.amountKopecks());
    candidate.status = ConversionStatus.PENDING;
    candidate.source = ConversionSource.WEBHOOK;
    candidate.occurredAt = report.occurredAt();
    candidate.dueAt = report.occurredAt().plus(Duration.ofDays(partner.confirmationDays()));
    return candidate;
  }

  /** Rule C3: the click exists, is this partner's, and the purchase falls in its window. */
  private Click attribute(PartnerSecrets.Terms partner, ConversionReport report) {
    UUID clickId;
    try {
      clickId = UUID.fromString(report.clickId());
    } catch (IllegalArgumentException e) {
      clickId = null;
    }
    Click click = clickId == null ? null : em.find(Click.class, clickId);
    if (click == null) {
      throw new AttributionFailed(
          "attribution.unknown-click",
          "No click with id '" + report.clickId() + "' was made through Kopilka.");
    }
    if (!click.partnerId.equals(partner.id())) {
      throw new AttributionFailed(
          "attribution.other-partner",
          "Click " + click.id + " took the member to another partner.");
    }
    // to the second: partners' clocks and timestamps rarely have more precision
    if (report.occurredAt().isBefore(click.createdAt.truncatedTo(ChronoUnit.SECONDS))) {
      throw new AttributionFailed(
          "attribution.before-click",
          "The purchase at "
              + report.occurredAt()
              + " precedes click "
              + click.id
              + " at "
              + click.createdAt
              + ".");
    }
    Instant windowEnd = click.createdAt.plus(Duration.ofDays(partner.attributionDays()));
    if (report.occurredAt().isAfter(windowEnd)) {
      throw new AttributionFailed(
          "attribution.click-expired",
          "The purchase at "
              + report.occurredAt()
              + " is after the click's "
              + partner.attributionDays()
              + "-day attribution window, which ended at "
              + windowEnd
              + ".");
    }
    return click;
  }

  /**
   * Rule C4: a pending (or overdue) conversion takes a new amount and a decision; APPROVED and
   * DECLINED are final, and repeating the final report with the same amount changes nothing.
   */
  private void transition(
      Conversion conversion,
      PartnerSecrets.Terms partner,
      Click click,
      ConversionReport report,
      Instant now) {
    if (!click.id.equals(conversion.clickId)) {
      throw ProblemException.unprocessable(
          "conversion.click-mismatch",
          "Order '"
              + conversion.orderId
              + "' was reported with click "
              + conversion.clickId
              + "; a report of the same order must carry the same click.");
    }
    if (conversion.status.isFinal()) {
      if (conversion.status.name().equals(report.status().name())
          && conversion.amountKopecks == report.amountKopecks()) {
        return;
      }
      throw ProblemException.conflict(
          "conversion.final",
          "Order '"
              + conversion.orderId
              + "' was "
              + conversion.status
              + " at "
              + conversion.decidedAt
              + "; APPROVED and DECLINED are final and can't change.");
    }
    if (conversion.amountKopecks != report.amountKopecks()) {
      conversion.setAmount(report.amountKopecks());
      conversion.updatedAt = now;
    }
    decide(conversion, partner, report.status(), now);
  }

  private void decide(
      Conversion conversion, PartnerSecrets.Terms partner, ReportStatus status, Instant now) {
    if (status == ReportStatus.APPROVED) {
      credits.approve(conversion, partner.name());
    } else if (status == ReportStatus.DECLINED) {
      conversion.status = ConversionStatus.DECLINED;
      conversion.decidedAt = now;
      conversion.updatedAt = now;
    }
  }

  private void recordFailure(
      String partnerId, String webhookId, ConversionReport report, String rule) {
    AttributionFailure failure = new AttributionFailure();
    failure.id = UUID.randomUUID();
    failure.partnerId = partnerId;
    failure.webhookId = webhookId;
    failure.clickId = report.clickId();
    failure.orderId = report.orderId();
    failure.rule = rule;
    failure.receivedAt = time.now();
    failure.persist();
  }

  static ConversionAck ack(Conversion c) {
    return new ConversionAck(
        c.id, c.partnerId, c.orderId, c.status.name(), c.amountKopecks, c.points);
  }
}
