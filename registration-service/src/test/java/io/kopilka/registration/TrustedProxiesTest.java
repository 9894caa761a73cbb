package io.kopilka.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The trusted proxies are address ranges only. Quarkus reads an entry that is not CIDR as a host
 * name with an optional port ({@code ::1} becomes host {@code :} port 1) and then resolves it with
 * a new DNS client, and so a new socket, on every request: the service runs out of file handles.
 */
@QuarkusTest
class TrustedProxiesTest {

  @Test
  void everyTrustedProxyIsAnAddressRangeNotAHostName() {
    String proxies =
        ConfigProvider.getConfig().getValue("quarkus.http.proxy.trusted-proxies", String.class);
    assertThat(Arrays.stream(proxies.split(",")).map(String::trim))
        .isNotEmpty()
        .allSatisfy(
            entry ->
                assertThat(entry)
                    .as("CIDR range")
                    .matches("[0-9.]+/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}"));
  }
}
