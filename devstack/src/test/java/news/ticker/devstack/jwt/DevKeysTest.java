package news.ticker.devstack.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {

  @TempDir Path directory;

  @Test
  void pemRoundTripKeepsBothKeys() {
    DevKeys keys = DevKeys.generate();

    assertThat(Pem.decodePublicKey(Pem.encode(keys.publicKey()))).isEqualTo(keys.publicKey());
    assertThat(Pem.decodePrivateKey(Pem.encode(keys.privateKey()))).isEqualTo(keys.privateKey());
    assertThat(keys.publicKeyPem())
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
  }

  @Test
  void pemWithoutTheExpectedBlockIsRejected() {
    assertThatThrownBy(() -> Pem.decodePublicKey("-----BEGIN CERTIFICATE-----\nAAAA\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createsThePairOnceWithAPrivateKeyOnlyTheOwnerReads() throws Exception {
    DevKeys first = DevKeys.loadOrCreate(directory);
    DevKeys second = DevKeys.loadOrCreate(directory);

    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(second.privateKey()).isEqualTo(first.privateKey());
    assertThat(Files.getPosixFilePermissions(directory.resolve("private.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(first.publicKeyFile()).contains(directory.toAbsolutePath().resolve("public.pem"));
    assertThat(Files.readString(directory.resolve("public.pem"), StandardCharsets.UTF_8))
        .isEqualTo(first.publicKeyPem());
  }

  @Test
  void tokensOfTheStoredKeyVerifyWithTheStoredPublicKey() throws Exception {
    String token = DevKeys.loadOrCreate(directory).minter().mint("dev-admin", List.of("admin"));
    DevKeys reloaded = DevKeys.loadOrCreate(directory);

    assertThat(TokenMinterTest.verifies(token, reloaded.publicKey())).isTrue();
    assertThat(TokenMinterTest.claims(token).get("iss").asText()).isEqualTo(DevKeys.ISSUER);
  }
}
