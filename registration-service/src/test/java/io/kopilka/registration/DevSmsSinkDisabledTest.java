package io.kopilka.registration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kopilka.common.error.ProblemException;
import io.kopilka.registration.config.RegistrationConfig;
import io.kopilka.registration.rest.DevSmsSinkResource;
import io.kopilka.registration.service.SmsSender;
import java.lang.reflect.Proxy;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** With the sink off (the prod profile) its endpoints answer 404 and keep nothing. */
class DevSmsSinkDisabledTest {

  @Test
  void shouldAnswerNotFoundWhenTheSinkIsOff() {
    RegistrationConfig off =
        (RegistrationConfig)
            Proxy.newProxyInstance(
                RegistrationConfig.class.getClassLoader(),
                new Class<?>[] {RegistrationConfig.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("smsSink")) {
                    return false;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    DevSmsSinkResource sink = new DevSmsSinkResource(off, Clock.systemUTC());

    assertThatThrownBy(() -> sink.receive(new SmsSender.Message("79161234567", "4555", "код")))
        .isInstanceOf(ProblemException.class)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(
                        ((ProblemException) e).problem().status())
                    .isEqualTo(404));
    assertThatThrownBy(() -> sink.list(null)).isInstanceOf(ProblemException.class);
  }
}
