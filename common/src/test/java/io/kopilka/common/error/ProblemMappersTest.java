package io.kopilka.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  private final ProblemMappers mappers = new ProblemMappers();

  @Test
  void anExhaustedConnectionPoolIsA503WithRetryAfterNotABug() {
    // as Hibernate wraps Agroal's timeout when every connection stays busy
    RuntimeException failure =
        new RuntimeException(
            "Unable to acquire JDBC Connection",
            new SQLException("Sorry, acquisition timeout!", "08001"));

    Response response = mappers.unexpected(failure);

    assertEquals(503, response.getStatus());
    assertEquals("1", response.getHeaderString("Retry-After"));
    Problem problem = (Problem) response.getEntity();
    assertEquals("service.busy", problem.code());
    assertEquals(Problem.MEDIA_TYPE, String.valueOf(response.getMediaType()));
  }

  @Test
  void otherDatabaseFailuresStayUnexpected() {
    assertFalse(ProblemMappers.poolExhausted(new RuntimeException(new SQLException("deadlock"))));
    assertTrue(ProblemMappers.poolExhausted(new SQLException("Sorry, acquisition timeout!")));

    Response response = mappers.unexpected(new IllegalStateException("a bug"));

    assertEquals(500, response.getStatus());
    assertEquals("internal.error", ((Problem) response.getEntity()).code());
  }
}
