package io.kopilka.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RSA key pair generated once per test JVM, configured as the service's token verification and
 * signing key, and helpers that sign tokens for each role.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

  private static Path keys;

  @Override
  public Map<String, String> start() {
    Path dir = keys();
    return Map.of(
        "mp.jwt.verify.publickey.location", dir.resolve("public.pem").toString(),
        "smallrye.jwt.sign.key.location", dir.resolve("private.pem").toString(),
        "mp.jwt.verify.issuer", "kopilka");
  }

  @Override
  public void stop() {}

  /** A member token for {@code msisdn}. */
  public static String member(String msisdn) {
    return token(msisdn, "member");
  }

  /** A token with the given role; the subject is {@code <role>-test}. */
  public static String role(String role) {
    return token(role + "-test", role);
  }

  public static String token(String subject, String... roles) {
    return Jwt.issuer("kopilka")
        .subject(subject)
        .upn(subject)
        .groups(Set.of(roles))
        .expiresIn(3600)
        .sign();
  }

  /** {@code Authorization} header value for a role. */
  public static String bearer(String role) {
    return "Bearer " + role(role);
  }

  /** The folder with {@code public.pem} and {@code private.pem}. */
  public static synchronized Path keys() {
    if (keys == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path dir = Files.createTempDirectory("kopilka-test-keys");
        // deleted when the test JVM exits: the files first (the reverse order of registration)
        dir.toFile().deleteOnExit();
        for (String name : List.of("private.pem", "public.pem")) {
          dir.resolve(name).toFile().deleteOnExit();
        }
        Files.writeString(
            dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(
            dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        keys = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return keys;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
