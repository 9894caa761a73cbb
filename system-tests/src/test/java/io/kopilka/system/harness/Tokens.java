package io.kopilka.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The suite's token keys, as an operator would create them: an RSA pair written to PEM files the
 * services read ({@code KOPILKA_JWT_PUBLIC_KEY}, {@code KOPILKA_JWT_PRIVATE_KEY}), and RS256 tokens
 * for the callers the tests play (billing, channel gateway, support, ...). Members log in for real
 * where the journey needs it; other tests sign member tokens here.
 */
public final class Tokens {

  private final KeyPair pair;
  private final Path publicKey;
  private final Path privateKey;

  Tokens(Path directory) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
      Files.createDirectories(directory);
      publicKey = directory.resolve("public.pem");
      privateKey = directory.resolve("private.pem");
      Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Path publicKey() {
    return publicKey;
  }

  Path privateKey() {
    return privateKey;
  }

  /** {@code Bearer <token>} for a caller with {@code role}, valid for an hour. */
  public String bearer(String role) {
    return "Bearer " + sign(role + "-system-test", role);
  }

  /** {@code Bearer <token>} of the member with number {@code msisdn}. */
  public String member(String msisdn) {
    return "Bearer " + sign(msisdn, "member");
  }

  private String sign(String subject, String... roles) {
    long now = Instant.now().getEpochSecond();
    String groups =
        Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "[", "]"));
    String claims =
        "{\"iss\":\"kopilka\",\"sub\":\""
            + subject
            + "\",\"upn\":\""
            + subject
            + "\",\"groups\":"
            + groups
            + ",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + "}";
    String unsigned = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(pair.getPrivate());
      rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
      return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
