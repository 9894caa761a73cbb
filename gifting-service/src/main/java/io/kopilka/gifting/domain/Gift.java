package io.kopilka.gifting.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A gift of points from one member to another (rule G1). */
@Entity
@Table(name = "gift")
public class Gift extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "sender_msisdn")
  public String senderMsisdn;

  @Column(name = "recipient_msisdn")
  public String recipientMsisdn;

  public long points;

  @Enumerated(EnumType.STRING)
  public GiftStatus status;

  @Column(name = "code_hash")
  public String codeHash;

  @Column(name = "code_expires_at")
  public Instant codeExpiresAt;

  @Column(name = "wrong_codes")
  public int wrongCodes;

  @Column(name = "booked_on")
  public LocalDate bookedOn;

  @Column(name = "failure_code")
  public String failureCode;

  @Column(name = "failure_detail")
  public String failureDetail;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "confirmed_at")
  public Instant confirmedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
