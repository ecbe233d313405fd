package news.ticker.devstack.cli;

import java.util.List;
import java.util.Map;
import news.ticker.devstack.process.ProcessControl;

/**
 * One process of the local stack: its name, port (from DEVELOPERS.md, overridable by a {@code
 * TICKER_*_PORT} variable) and, for a service, its Maven module and database.
 */
record Component(
    String name, Kind kind, int port, String portVariable, String module, String database) {

  enum Kind {
    POSTGRES,
    KAFKA,
    SERVICE
  }

  /** All components in start order: infrastructure first, then the services. */
  static List<Component> all(Map<String, String> env) {
    return List.of(
        new Component(
            "postgres",
            Kind.POSTGRES,
            port(env, "TICKER_PG_PORT", 5432),
            "TICKER_PG_PORT",
            null,
            null),
        new Component(
            "kafka",
            Kind.KAFKA,
            port(env, "TICKER_KAFKA_PORT", 9092),
            "TICKER_KAFKA_PORT",
            null,
            null),
        service(env, "ingest", "TICKER_INGEST_PORT", 8081),
        service(env, "timeline", "TICKER_TIMELINE_PORT", 8082),
        service(env, "analysis", "TICKER_ANALYSIS_PORT", 8083));
  }

  private static Component service(
      Map<String, String> env, String name, String variable, int defaultPort) {
    return new Component(
        name, Kind.SERVICE, port(env, variable, defaultPort), variable, name + "-service", name);
  }

  static int port(Map<String, String> env, String variable, int defaultPort) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(variable + " must be a TCP port (1-65535), not '" + value + "'");
    }
  }

  boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** The signal of a graceful stop: PostgreSQL's fast shutdown is SIGINT, JVMs take SIGTERM. */
  ProcessControl.Signal stopSignal() {
    return kind == Kind.POSTGRES ? ProcessControl.Signal.INT : ProcessControl.Signal.TERM;
  }
}
