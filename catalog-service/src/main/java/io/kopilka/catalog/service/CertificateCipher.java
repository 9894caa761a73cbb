package io.kopilka.catalog.service;

import io.kopilka.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Certificate codes at rest (rule K5): AES-256-GCM with a random nonce, bound to the reward's code,
 * so a database dump or a support screen never shows one. Duplicates are found by an HMAC of the
 * code. Both keys are derived from {@code kopilka.catalog.certificate-key}.
 */
@ApplicationScoped
public class CertificateCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec digestKey;
  private final SecureRandom random = new SecureRandom();

  public CertificateCipher(CatalogConfig config) {
    byte[] master;
    try {
      master = Base64.getDecoder().decode(config.certificateKey());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("kopilka.catalog.certificate-key is not base64", e);
    }
    if (master.length != 32) {
      throw new IllegalStateException(
          "kopilka.catalog.certificate-key must be 32 bytes (base64), got " + master.length);
    }
    this.encryptionKey = new SecretKeySpec(derive(master, "certificate-encryption"), "AES");
    this.digestKey = new SecretKeySpec(derive(master, "certificate-digest"), "HmacSHA256");
  }

  public byte[] encrypt(String rewardCode, String code) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(rewardCode.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a certificate code", e);
    }
  }

  public String decrypt(String rewardCode, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          encryptionKey,
          new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(rewardCode.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot decrypt a certificate code of " + rewardCode, e);
    }
  }

  /** The same for the same code of the same reward; reveals nothing about the code. */
  public String digest(String rewardCode, String code) {
    return HexFormat.of()
        .formatHex(mac(digestKey, (rewardCode + "\n" + code).getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] derive(byte[] master, String purpose) {
    return mac(new SecretKeySpec(master, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
