/*
 * Fallback for machines without openssl, run as a JDK 11+ single-file program:
 *
 *   java scripts/lib/JwtTool.java keys DIR
 *       writes DIR/private.pem (PKCS#8) and DIR/public.pem (X.509 SubjectPublicKeyInfo), RSA 2048
 *   java scripts/lib/JwtTool.java sign PRIVATE_PEM HEADER_JSON PAYLOAD_JSON
 *       prints the RS256-signed compact JWT
 *
 * Used by scripts/lib/dev-keys.sh and scripts/token.sh; dev keys only.
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

public class JwtTool {

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("keys")) {
      keys(Path.of(args[1]));
    } else if (args.length == 4 && args[0].equals("sign")) {
      System.out.println(sign(Path.of(args[1]), args[2], args[3]));
    } else {
      System.err.println(
          "usage: JwtTool keys DIR | JwtTool sign PRIVATE_PEM HEADER_JSON PAYLOAD_JSON");
      System.exit(2);
    }
  }

  static void keys(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  static String sign(Path privatePem, String header, String payload) throws Exception {
    String base64 =
        Files.readString(privatePem)
            .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String input =
        url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + url.encodeToString(rs256.sign());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
