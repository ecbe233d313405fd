package news.ticker.platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login to the service's own database, for a connection of its own outside Quarkus' pools: the
 * outbox relay's, the timeline's {@code LISTEN}.
 */
@ApplicationScoped
public class DatabaseLogin {

  @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "ticker")
  String username;

  @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
  String password;

  public String username() {
    return username;
  }

  /** Empty when none is configured (trust authentication). */
  public String password() {
    return password;
  }
}
