package io.kopilka.registration.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An SMS login code; only a hash of the code is kept. */
@Entity
@Table(name = "otp_code")
public class OtpCode extends PanacheEntityBase {

  /** ACTIVE until used, voided by too many wrong tries, expiry, or a newer code. */
  public enum Status {
    ACTIVE,
    USED,
    VOID
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String msisdn;

  @Column(name = "code_hash")
  public String codeHash;

  @Column(name = "client_address")
  public String clientAddress;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "failed_tries")
  public int failedTries;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  public Status status;

  /** The number's newest usable code, locked so that tries are counted one at a time. */
  public static Optional<OtpCode> activeForUpdate(String msisdn) {
    return find("msisdn = ?1 and status = ?2 order by createdAt desc", msisdn, Status.ACTIVE)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  /** Send times of the number's codes since {@code since}, newest first. */
  public static List<Instant> sentTo(String msisdn, Instant since) {
    return find(
            "select createdAt from OtpCode where msisdn = ?1 and createdAt > ?2"
                + " order by createdAt desc",
            msisdn,
            since)
        .project(Instant.class)
        .list();
  }

  /** Send times of codes asked for from a client address since {@code since}, oldest first. */
  public static List<Instant> askedFrom(String clientAddress, Instant since, int limit) {
    return find(
            "select createdAt from OtpCode where clientAddress = ?1 and createdAt > ?2"
                + " order by createdAt",
            clientAddress,
            since)
        .project(Instant.class)
        .page(0, limit)
        .list();
  }

  /** Voids the number's usable codes: a new code replaces them. */
  public static void voidActive(String msisdn) {
    update("status = ?1 where msisdn = ?2 and status = ?3", Status.VOID, msisdn, Status.ACTIVE);
  }
}
