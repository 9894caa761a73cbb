package io.kopilka.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One code of a certificate reward's pool (rule K5), encrypted; it belongs to at most one
 * redemption ({@code redemption_id} is unique).
 */
@Entity
@Table(name = "certificate_code")
public class CertificateCode extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "reward_code")
  public String rewardCode;

  @Column(name = "code_digest")
  public String codeDigest;

  @Column(name = "code_cipher")
  public byte[] codeCipher;

  @Column(name = "uploaded_at")
  public Instant uploadedAt;

  @Column(name = "redemption_id")
  public UUID redemptionId;

  @Column(name = "assigned_at")
  public Instant assignedAt;
}
