package io.kopilka.bonus.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccrualStoreTest {

  @Inject AccrualStore store;
  @Inject EntityManager em;

  @Test
  void anAccrualPlansGenericallyAndLeavesTheConnectionAsItFoundIt() {
    String before = QuarkusTransaction.requiringNew().call(this::planCacheMode);
    String during =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  store.open(List.of("79990000000"), List.of(), List.of());
                  return planCacheMode();
                });
    String after = QuarkusTransaction.requiringNew().call(this::planCacheMode);

    assertThat(before).isEqualTo("auto");
    assertThat(during).isEqualTo("force_generic_plan");
    assertThat(after).isEqualTo("auto");
  }

  private String planCacheMode() {
    return (String) em.createNativeQuery("show plan_cache_mode").getSingleResult();
  }
}
