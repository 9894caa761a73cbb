package io.kopilka.cashback.service;

import io.kopilka.cashback.config.CashbackConfig;
import io.kopilka.cashback.domain.Category;
import io.kopilka.cashback.domain.Rates;
import io.kopilka.cashback.rest.OfferDtos.Filter;
import io.kopilka.cashback.rest.OfferDtos.OfferPage;
import io.kopilka.cashback.rest.OfferDtos.OfferView;
import io.kopilka.common.persistence.SqlValues;
import io.kopilka.common.time.ProgrammeTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The offers list with its filters (C1, C2): active partners at the rate in force now. */
@ApplicationScoped
public class OfferService {

  private final EntityManager em;
  private final CashbackConfig config;
  private final ProgrammeTime time;

  public OfferService(EntityManager em, CashbackConfig config, ProgrammeTime time) {
    this.em = em;
    this.config = config;
    this.time = time;
  }

  @Transactional
  public OfferPage offers(Filter filter, Category category, int page, int size) {
    Instant now = time.now();
    StringBuilder from =
        new StringBuilder(
            " from partner p"
                + " left join lateral (select b.rate_bp, b.ends_at from rate_boost b"
                + "   where b.partner_id = p.id and b.starts_at <= :now and b.ends_at > :now"
                + "   order by b.rate_bp desc, b.ends_at desc limit 1) boost on true");
    if (filter == Filter.POPULAR) {
      from.append(
          " left join (select c.partner_id, count(*) as clicks from click c"
              + "   where c.created_at > :since group by c.partner_id) popular"
              + "   on popular.partner_id = p.id");
    }
    from.append(" where p.status = 'ACTIVE'");
    if (category != null) {
      from.append(" and p.category = :category");
    }
    String order;
    if (filter == null) {
      order = " order by p.name, p.id";
    } else {
      switch (filter) {
        case NEW -> {
          from.append(" and p.created_at > :since");
          order = " order by p.created_at desc, p.id";
        }
        case POPULAR -> order = " order by coalesce(popular.clicks, 0) desc, p.name, p.id";
        case INCREASED -> {
          from.append(" and boost.rate_bp > p.rate_bp");
          order = " order by boost.rate_bp desc, p.name, p.id";
        }
        default -> throw new IllegalArgumentException(filter.name());
      }
    }
    Query select =
        em.createNativeQuery(
            "select p.id, p.name, p.category, p.rate_bp, boost.rate_bp as boost_rate,"
                + " boost.ends_at, p.confirmation_days"
                + from
                + order);
    Query count = em.createNativeQuery("select count(*)" + from);
    for (Query query : List.of(select, count)) {
      bind(query, now, filter, category);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
    List<OfferView> items = rows.stream().map(OfferService::offer).toList();
    return new OfferPage(items, page, size, ((Number) count.getSingleResult()).longValue());
  }

  private void bind(Query query, Instant now, Filter filter, Category category) {
    query.setParameter("now", now);
    if (filter == Filter.NEW) {
      query.setParameter("since", now.minus(config.newOfferPeriod()));
    } else if (filter == Filter.POPULAR) {
      query.setParameter("since", now.minus(config.popularPeriod()));
    }
    if (category != null) {
      query.setParameter("category", category.name());
    }
  }

  private static OfferView offer(Object[] row) {
    int base = ((Number) row[3]).intValue();
    Integer boosted = row[4] == null ? null : ((Number) row[4]).intValue();
    boolean increased = boosted != null && boosted > base;
    int rate = increased ? boosted : base;
    return new OfferView(
        (String) row[0],
        (String) row[1],
        Category.valueOf((String) row[2]),
        rate,
        Rates.percent(rate),
        increased ? base : null,
        increased ? SqlValues.instant(row[5]) : null,
        ((Number) row[6]).intValue());
  }
}
