package news.ticker.devstack.jwt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM encoding of RSA keys with the JDK alone: public keys as X.509 SubjectPublicKeyInfo ({@code
 * BEGIN PUBLIC KEY}, what MicroProfile JWT reads), private keys as PKCS#8 ({@code BEGIN PRIVATE
 * KEY}).
 */
public final class Pem {

  private static final String PUBLIC = "PUBLIC KEY";
  private static final String PRIVATE = "PRIVATE KEY";

  private Pem() {}

  public static String encode(RSAPublicKey key) {
    return encode(PUBLIC, key.getEncoded());
  }

  public static String encode(RSAPrivateKey key) {
    return encode(PRIVATE, key.getEncoded());
  }

  public static RSAPublicKey decodePublicKey(String pem) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(PUBLIC, pem)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not an RSA public key in PEM", e);
    }
  }

  public static RSAPrivateKey decodePrivateKey(String pem) {
    try {
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(decode(PRIVATE, pem)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
    }
  }

  private static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] decode(String type, String pem) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no " + type + " block in PEM text");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
