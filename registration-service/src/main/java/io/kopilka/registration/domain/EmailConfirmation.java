package io.kopilka.registration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A single-use e-mail confirmation link (rule R3); only a hash of its token is kept. */
@Entity
@Table(name = "email_confirmation")
public class EmailConfirmation extends PanacheEntityBase {

  @Id
  @Column(name = "token_hash")
  public String tokenHash;

  @Column(name = "membership_id")
  public UUID membershipId;

  public String email;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "used_at")
  public Instant usedAt;

  public static Optional<EmailConfirmation> byHashForUpdate(String tokenHash) {
    return Optional.ofNullable(findById(tokenHash, LockModeType.PESSIMISTIC_WRITE));
  }
}
