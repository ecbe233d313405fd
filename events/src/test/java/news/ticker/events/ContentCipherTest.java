package news.ticker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentCipherTest {

  @Test
  void sealsAndOpensUnicodeIntact() {
    byte[] key = ContentCipher.newKey();
    String text = "<p>Oekraïne: “curly” quotes, עברית, العربية, emoji 🇺🇦</p>";

    SealedText sealed = ContentCipher.seal("u1", key, text);

    assertThat(sealed.ciphertext()).doesNotContain("Oekra");
    assertThat(ContentCipher.open(sealed, key)).isEqualTo(text);
  }

  @Test
  void eachSealingUsesAFreshNonce() {
    byte[] key = ContentCipher.newKey();
    assertThat(ContentCipher.seal("u1", key, "same").nonce())
        .isNotEqualTo(ContentCipher.seal("u1", key, "same").nonce());
  }

  @Test
  void anotherKeyOrAnotherKeyIdCannotOpen() {
    byte[] key = ContentCipher.newKey();
    SealedText sealed = ContentCipher.seal("u1", key, "secret source");

    assertThatThrownBy(() -> ContentCipher.open(sealed, ContentCipher.newKey()))
        .isInstanceOf(IllegalArgumentException.class);
    SealedText moved = new SealedText("u2", sealed.nonce(), sealed.ciphertext());
    assertThatThrownBy(() -> ContentCipher.open(moved, key))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullStaysNull() {
    assertThat(ContentCipher.seal("u1", ContentCipher.newKey(), null)).isNull();
  }
}
