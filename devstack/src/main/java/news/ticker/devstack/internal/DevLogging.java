package news.ticker.devstack.internal;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging of the dev-stack's own processes ({@code ./ticker}, the Kafka JVM). Kafka and the other
 * libraries log through slf4j, whose backend on this class path is the JBoss LogManager (it comes
 * with quarkus-test-common) and which has no handler until one is configured. Only {@code main}
 * methods call this: inside a Quarkus test JVM, Quarkus owns the logging configuration.
 */
public final class DevLogging {

  private DevLogging() {}

  /**
   * JUL's manager must be JBoss's before anything touches JUL; children get it on the command line.
   */
  public static final String JUL_MANAGER_OPTION =
      "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";

  /**
   * Sends records to stdout: those of the dev stack's own classes from {@code ownLevel} on, all
   * others (Kafka's broker is chatty: about 800 INFO lines per start) from {@code level} on.
   */
  public static void configure(Level level, Level ownLevel) {
    LogContext context = LogContext.getLogContext();
    Logger root = context.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(
        new ConsoleHandler(
            ConsoleHandler.Target.SYSTEM_OUT,
            new PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{1.}] %s%e%n")));
    root.setLevel(level);
    context.getLogger("news.ticker").setLevel(ownLevel);
  }
}
