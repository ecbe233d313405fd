package news.ticker.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import news.ticker.devstack.jwt.DevKeys;

/**
 * Makes a service under test verify tokens of {@link TestTokens}: one RSA key pair per test JVM,
 * its public key in a temporary PEM file.
 *
 * <p>Returns {@code mp.jwt.verify.publickey.location} (the PEM file's path) and {@code
 * mp.jwt.verify.issuer} ({@value DevKeys#ISSUER}).
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mp.jwt.verify.publickey.location",
        TestKeys.publicKeyFile().toString(),
        "mp.jwt.verify.issuer",
        DevKeys.ISSUER);
  }

  @Override
  public void stop() {
    // The key pair lives as long as the JVM: TestTokens of later test classes use it too.
  }
}
