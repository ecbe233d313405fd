package news.ticker.devstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.ticker.devstack.internal.DevLogging;
import news.ticker.devstack.jwt.TokenMinter;
import news.ticker.devstack.process.ProcessStartException;

/**
 * {@code ./ticker}: the local dev stack. The script at the repository root checks Java, builds what
 * is stale and runs this with {@code -Dticker.root=<repository root>}.
 *
 * <pre>
 * ./ticker up [-d]           start PostgreSQL, Kafka and the services (-d: in the background)
 * ./ticker down              stop everything
 * ./ticker status [--json]   what runs, on which port, whether it is ready
 * ./ticker token ROLE... [--ttl 8h]   a dev JWT (admin, editor, reporter, analyst)
 * </pre>
 *
 * Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
public final class Ticker {

  static final List<String> ROLES = List.of("admin", "editor", "reporter", "analyst");

  private static final String USAGE =
      String.join(
          "\n",
          "usage: ./ticker <command>",
          "",
          "  up [-d|--detach]         start PostgreSQL, Kafka, ingest, timeline and analysis and",
          "                           wait until all are ready; Ctrl-C stops them. With -d they run",
          "                           in the background; starts only what is not running yet.",
          "  down                     stop everything (SIGTERM, SIGKILL after a timeout)",
          "  status [--json]          name, PID, port, readiness and log of each component",
          "  token ROLE... [--ttl D]  print a dev JWT with these roles ("
              + String.join(", ", ROLES)
              + ");",
          "                           D like 30m, 8h, 7d (default 1h)",
          "",
          "Data, logs, PIDs and keys live in .devstack/. Ports: TICKER_PG_PORT (5432),",
          "TICKER_KAFKA_PORT (9092), TICKER_INGEST_PORT (8081), TICKER_TIMELINE_PORT (8082),",
          "TICKER_ANALYSIS_PORT (8083).");

  private Ticker() {}

  public static void main(String[] args) {
    // Our own output goes to stdout directly; libraries only speak up when something is wrong.
    DevLogging.configure(Level.SEVERE, Level.WARNING);
    Path root = Path.of(System.getProperty("ticker.root", "")).toAbsolutePath();
    int exit = run(args, root, System.getenv(), System.out, System.err);
    // System.exit also when 0: `up` leaves non-daemon threads (HTTP client, Kafka admin) behind.
    System.exit(exit);
  }

  static int run(
      String[] args, Path root, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
        out.println(USAGE);
        return args.length == 0 ? 2 : 0;
      }
      List<String> rest = List.of(args).subList(1, args.length);
      switch (args[0]) {
        case "up":
          up(rest, root, env, out);
          return 0;
        case "down":
          expectNoArguments("down", rest);
          new LocalStack(root, env, out).down();
          return 0;
        case "status":
          status(rest, root, env, out);
          return 0;
        case "token":
          token(rest, root, env, out);
          return 0;
        default:
          throw new UsageException("unknown command '" + args[0] + "'");
      }
    } catch (UsageException e) {
      err.println("ticker: " + e.getMessage() + " (./ticker help lists the commands)");
      return 2;
    } catch (LocalStack.StackException | ProcessStartException e) {
      err.println("ticker: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("ticker: failed: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  private static void up(
      List<String> arguments, Path root, Map<String, String> env, PrintStream out) {
    boolean detached = false;
    for (String argument : arguments) {
      if (argument.equals("-d") || argument.equals("--detach")) {
        detached = true;
      } else {
        throw new UsageException("up takes only -d, not '" + argument + "'");
      }
    }
    // Before anything is created or started: elsewhere PostgreSQL could not start at all.
    Optional<String> unsupported = Platform.unsupportedHere();
    if (unsupported.isPresent()) {
      throw new LocalStack.StackException(unsupported.get());
    }
    new LocalStack(root, env, out).up(detached);
  }

  private static void status(
      List<String> arguments, Path root, Map<String, String> env, PrintStream out) {
    boolean json = false;
    for (String argument : arguments) {
      if (argument.equals("--json")) {
        json = true;
      } else {
        throw new UsageException("status takes only --json, not '" + argument + "'");
      }
    }
    List<LocalStack.Status> rows = new LocalStack(root, env, out).status();
    out.println(json ? statusJson(rows) : statusTable(rows));
  }

  static String statusTable(List<LocalStack.Status> rows) {
    StringBuilder table = new StringBuilder();
    String format = "%-9s %-8s %-6s %-6s %s%n";
    table.append(String.format(format, "NAME", "PID", "PORT", "READY", "LOG"));
    for (LocalStack.Status row : rows) {
      table.append(
          String.format(
              format,
              row.name(),
              row.pid() == null ? "-" : row.pid().toString(),
              row.port(),
              row.ready() ? "yes" : "no",
              row.log()));
    }
    return table.toString().stripTrailing();
  }

  /** {@code [{"name":..,"pid":..|null,"port":..,"ready":..,"log":..}, ...]}. */
  static String statusJson(List<LocalStack.Status> rows) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (LocalStack.Status row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("name", row.name());
      object.put("pid", row.pid());
      object.put("port", row.port());
      object.put("ready", row.ready());
      object.put("log", row.log().toString());
      objects.add(object);
    }
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(objects);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void token(
      List<String> arguments, Path root, Map<String, String> env, PrintStream out) {
    List<String> roles = new ArrayList<>();
    Duration ttl = TokenMinter.DEFAULT_TTL;
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--ttl")) {
        if (i + 1 == arguments.size()) {
          throw new UsageException("--ttl needs a duration, e.g. 8h");
        }
        ttl = parseDuration(arguments.get(++i));
      } else if (ROLES.contains(argument)) {
        roles.add(argument);
      } else {
        throw new UsageException(
            "unknown role '" + argument + "'; roles are " + String.join(", ", ROLES));
      }
    }
    if (roles.isEmpty()) {
      throw new UsageException("token needs a role: " + String.join(", ", ROLES));
    }
    out.println(new LocalStack(root, env, out).token(roles, ttl));
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

  static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new UsageException("not a duration: '" + text + "' (use e.g. 90s, 30m, 8h, 7d)");
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }

  private static void expectNoArguments(String command, List<String> arguments) {
    if (!arguments.isEmpty()) {
      throw new UsageException(command + " takes no arguments");
    }
  }
}
