package news.ticker.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens texts under per-update keys with AES-256-GCM. The key id is bound as associated
 * data, so a ciphertext cannot be replayed under another update's key.
 */
public final class ContentCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ContentCipher() {}

  /** A fresh random 256-bit key. */
  public static byte[] newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      return generator.generateKey().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256 is unavailable in this JVM", e);
    }
  }

  /** Seals {@code plaintext}; null stays null so optional texts stay optional. */
  public static SealedText seal(String keyId, byte[] key, String plaintext) {
    if (plaintext == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, keyId);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      Base64.Encoder b64 = Base64.getEncoder();
      return new SealedText(keyId, b64.encodeToString(nonce), b64.encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal text under key " + keyId, e);
    }
  }

  /**
   * Opens a sealed text.
   *
   * @throws IllegalArgumentException when the key does not open it (wrong key, or tampered data)
   */
  public static String open(SealedText sealed, byte[] key) {
    if (sealed == null) {
      return null;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, b64.decode(sealed.nonce()), sealed.keyId());
      return new String(cipher.doFinal(b64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key does not open text sealed under " + sealed.keyId(), e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
