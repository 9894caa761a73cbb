package io.kopilka.cashback.service;

import io.kopilka.cashback.domain.Conversion;
import io.kopilka.cashback.domain.ConversionStatus;
import io.kopilka.cashback.rest.ConversionDtos.MyConversion;
import io.kopilka.cashback.rest.ConversionDtos.MyConversions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** What a member sees of their cashback (C4): pending, credited and declined. */
@ApplicationScoped
public class ConversionQueries {

  private final EntityManager em;

  public ConversionQueries(EntityManager em) {
    this.em = em;
  }

  @Transactional
  public MyConversions mine(String msisdn, int page, int size) {
    List<Object[]> rows =
        em.createQuery(
                "select c, p.name from Conversion c, Partner p where p.id = c.partnerId"
                    + " and c.msisdn = :msisdn order by c.createdAt desc, c.id",
                Object[].class)
            .setParameter("msisdn", msisdn)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList();
    Object[] totals =
        em.createQuery(
                "select count(c),"
                    + " coalesce(sum(case when c.status in (:pending) then c.points else 0 end), 0),"
                    + " coalesce(sum(case when c.creditedAt is not null then c.points else 0 end), 0),"
                    + " coalesce(sum(case when c.status = :declined then c.points else 0 end), 0)"
                    + " from Conversion c where c.msisdn = :msisdn",
                Object[].class)
            .setParameter("msisdn", msisdn)
            .setParameter("pending", List.of(ConversionStatus.PENDING, ConversionStatus.OVERDUE))
            .setParameter("declined", ConversionStatus.DECLINED)
            .getSingleResult();
    return new MyConversions(
        ((Number) totals[1]).longValue(),
        ((Number) totals[2]).longValue(),
        ((Number) totals[3]).longValue(),
        rows.stream().map(row -> view((Conversion) row[0], (String) row[1])).toList(),
        page,
        size,
        ((Number) totals[0]).longValue());
  }

  private static MyConversion view(Conversion c, String partnerName) {
    String status =
        c.status == ConversionStatus.APPROVED && c.creditedAt != null
            ? "CREDITED"
            : c.status.name();
    return new MyConversion(
        c.id,
        c.partnerId,
        partnerName,
        c.orderId,
        c.amountKopecks,
        c.rateBp,
        c.points,
        status,
        c.occurredAt,
        c.dueAt,
        c.creditedAt);
  }
}
