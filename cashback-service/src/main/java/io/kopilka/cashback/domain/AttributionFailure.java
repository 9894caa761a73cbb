package io.kopilka.cashback.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A partner's report that no click accounts for (C3), kept for the partner's report. */
@Entity
@Table(name = "attribution_failure")
public class AttributionFailure extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "partner_id")
  public String partnerId;

  @Column(name = "webhook_id")
  public String webhookId;

  @Column(name = "click_id")
  public String clickId;

  @Column(name = "order_id")
  public String orderId;

  /** The attribution rule that failed, e.g. {@code attribution.click-expired}. */
  public String rule;

  @Column(name = "received_at")
  public Instant receivedAt;
}
