package io.kopilka.catalog.service;

import io.kopilka.catalog.domain.CertificateCode;
import io.kopilka.catalog.domain.Reward;
import io.kopilka.catalog.domain.RewardKind;
import io.kopilka.catalog.rest.CatalogDtos.PoolView;
import io.kopilka.catalog.rest.CatalogDtos.UploadResult;
import io.kopilka.common.error.ProblemException;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The pools of certificate codes (rule K5). A code is taken with {@code FOR UPDATE SKIP LOCKED} and
 * bound to its redemption by a unique column, so concurrent orders never share one.
 */
@ApplicationScoped
public class CertificatePool {

  private final EntityManager em;
  private final CertificateCipher cipher;
  private final ProgrammeTime time;

  public CertificatePool(EntityManager em, CertificateCipher cipher, ProgrammeTime time) {
    this.em = em;
    this.cipher = cipher;
    this.time = time;
  }

  /** Adds codes to a certificate reward's pool; codes it already has are skipped and counted. */
  @Transactional
  public UploadResult upload(String rewardCode, List<String> codes) {
    Reward reward = RewardService.find(rewardCode);
    if (reward.kind != RewardKind.CERTIFICATE) {
      throw ProblemException.conflict(
          "reward.not-a-certificate",
          "Reward "
              + rewardCode
              + " is a "
              + reward.kind
              + " reward; only certificates have codes.");
    }
    Timestamp now = Timestamp.from(time.now());
    int[] added = new int[1];
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into certificate_code"
                          + " (reward_code, code_digest, code_cipher, uploaded_at)"
                          + " values (?, ?, ?, ?) on conflict (reward_code, code_digest) do nothing")) {
                for (String code : codes) {
                  insert.setString(1, rewardCode);
                  insert.setString(2, cipher.digest(rewardCode, code));
                  insert.setBytes(3, cipher.encrypt(rewardCode, code));
                  insert.setTimestamp(4, now);
                  insert.addBatch();
                }
                for (int count : insert.executeBatch()) {
                  added[0] += count;
                }
              }
            });
    return new UploadResult(codes.size(), added[0], codes.size() - added[0], stats(rewardCode));
  }

  /** Counts only: nobody but a code's owner ever sees it. */
  @Transactional
  public PoolView stats(String rewardCode) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select count(*), count(*) filter (where redemption_id is null)"
                        + " from certificate_code where reward_code = :reward")
                .setParameter("reward", rewardCode)
                .getSingleResult();
    long total = ((Number) row[0]).longValue();
    long available = ((Number) row[1]).longValue();
    return new PoolView(total, available, total - available);
  }

  /** The certificate rewards among {@code rewards} that have a free code, in one query. */
  @Transactional
  public Set<String> inStock(List<Reward> rewards) {
    List<String> certificates =
        rewards.stream().filter(r -> r.kind == RewardKind.CERTIFICATE).map(r -> r.code).toList();
    if (certificates.isEmpty()) {
      return Set.of();
    }
    @SuppressWarnings("unchecked")
    List<String> stocked =
        em.createNativeQuery(
                "select distinct reward_code from certificate_code"
                    + " where reward_code in (:rewards) and redemption_id is null")
            .setParameter("rewards", certificates)
            .getResultList();
    return new HashSet<>(stocked);
  }

  /**
   * Binds the oldest free code of the reward to the redemption, in the caller's transaction; empty
   * when the pool is empty. Codes locked by concurrent orders are skipped, not waited for.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean assign(String rewardCode, UUID redemptionId) {
    return em.createNativeQuery(
                "update certificate_code set redemption_id = :redemption, assigned_at = :now"
                    + " where id = (select id from certificate_code"
                    + " where reward_code = :reward and redemption_id is null"
                    + " order by id limit 1 for update skip locked)")
            .setParameter("redemption", redemptionId)
            .setParameter("now", time.now())
            .setParameter("reward", rewardCode)
            .executeUpdate()
        == 1;
  }

  /** The code given to a redemption, for its owner's eyes only. */
  @Transactional
  public Optional<String> reveal(UUID redemptionId) {
    return CertificateCode.<CertificateCode>find("redemptionId", redemptionId)
        .firstResultOptional()
        .map(code -> cipher.decrypt(code.rewardCode, code.codeCipher));
  }
}
