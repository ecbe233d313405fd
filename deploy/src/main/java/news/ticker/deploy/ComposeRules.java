package news.ticker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of docker-compose.yml, on the file as written (after {@link #withDefaults}) or as
 * {@code docker-compose config} prints it: health checks on every long-running container,
 * depends_on with conditions, one-shot init services that others wait for, data on named volumes,
 * the services as non-root with a read-only root filesystem, their ports and health checks, and no
 * credential written down.
 */
public final class ComposeRules {

  private static final Pattern INTERPOLATION =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

  /** The one Dockerfile of the services' images; the build argument SERVICE names the module. */
  public static final String SERVICE_DOCKERFILE = "Dockerfile";

  private final JsonNode compose;
  private final List<String> problems = new ArrayList<>();

  private ComposeRules(JsonNode compose) {
    this.compose = compose;
  }

  /** The problems of a compose model; empty when it follows every rule. */
  public static List<String> check(JsonNode compose) {
    return new ComposeRules(compose).run();
  }

  /**
   * The file as a fresh clone without an .env file would run it: every {@code ${VAR:-default}}
   * replaced by its default. A {@code ${VAR}} without a default, and a credential written as a
   * literal, are problems.
   */
  public static JsonNode withDefaults(JsonNode raw, List<String> problems) {
    if (raw.has("version")) {
      problems.add(
          "docker-compose: top level: the obsolete version key must go (Compose Specification)");
    }
    JsonNode services = raw.path("services");
    services
        .properties()
        .forEach(
            s ->
                environment(s.getValue())
                    .forEach(
                        (key, value) -> {
                          if (CredentialRules.CREDENTIAL_NAME.matcher(key).matches()
                              && !INTERPOLATION.matcher(value).find()) {
                            problems.add(
                                "docker-compose: "
                                    + s.getKey()
                                    + ": "
                                    + key
                                    + " is written as a literal; take it from the environment (${VAR:-dev default})");
                          }
                        }));
    return resolve(raw, "", problems);
  }

  private static JsonNode resolve(JsonNode node, String path, List<String> problems) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.properties()
          .forEach(
              e -> out.set(e.getKey(), resolve(e.getValue(), path + "." + e.getKey(), problems)));
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(resolve(n, path, problems)));
      return out;
    }
    if (node.isTextual()) {
      Matcher m = INTERPOLATION.matcher(node.asText());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        if (m.group(2) == null) {
          problems.add("docker-compose: " + path + ": ${" + m.group(1) + "} has no default");
          m.appendReplacement(sb, "");
        } else {
          m.appendReplacement(sb, Matcher.quoteReplacement(m.group(3)));
        }
      }
      m.appendTail(sb);
      return TextNode.valueOf(sb.toString());
    }
    return node;
  }

  private List<String> run() {
    JsonNode services = compose.path("services");
    if (!services.isObject() || services.isEmpty()) {
      problem("top level", "no services");
      return problems;
    }
    Set<String> declaredVolumes = new HashSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
    Set<String> usedVolumes = new HashSet<>();
    Map<String, JsonNode> all = new LinkedHashMap<>();
    services.properties().forEach(e -> all.put(e.getKey(), e.getValue()));

    for (Map.Entry<String, JsonNode> e : all.entrySet()) {
      String name = e.getKey();
      JsonNode s = e.getValue();
      image(name, s);
      for (Mount mount : mounts(s)) {
        if (mount.named()) {
          usedVolumes.add(mount.source());
          if (!declaredVolumes.contains(mount.source())) {
            problem(name, "volume " + mount.source() + " is not declared under volumes");
          }
        }
      }
      if (!s.has("profiles")) {
        JsonNode health = s.path("healthcheck");
        if (health.isMissingNode()
            || health.path("disable").asBoolean(false)
            || test(health).isEmpty()) {
          problem(name, "needs a healthcheck");
        }
      }
      if (isOneShot(s)) {
        boolean awaited =
            all.values().stream()
                .anyMatch(
                    o ->
                        "service_completed_successfully"
                            .equals(o.path("depends_on").path(name).path("condition").asText()));
        if (!awaited && !s.has("profiles")) {
          problem(
              name,
              "a one-shot service nobody waits for (depends_on: service_completed_successfully)");
        }
      } else if (!s.has("profiles")) {
        String restart = s.path("restart").asText("");
        if (!restart.equals("unless-stopped") && !restart.equals("always")) {
          problem(name, "a long-running service restarts unless stopped");
        }
      }
      dependsOn(name, s, all);
    }
    for (String volume : declaredVolumes) {
      if (!usedVolumes.contains(volume)) {
        problem("volumes", volume + " is declared but not used");
      }
    }
    for (Map.Entry<String, JsonNode> e : all.entrySet()) {
      String image = e.getValue().path("image").asText("");
      if (isTickerService(e.getKey(), e.getValue())) {
        tickerService(e.getKey(), e.getValue(), all);
      } else if (image.startsWith("postgres:")) {
        dataOnNamedVolume(e.getKey(), e.getValue(), "/var/lib/postgresql/data");
        hostPort(e.getKey(), e.getValue(), 5432);
      } else if (image.startsWith("apache/kafka:") && !isOneShot(e.getValue())) {
        Map<String, String> env = environment(e.getValue());
        dataOnNamedVolume(
            e.getKey(), e.getValue(), env.getOrDefault("KAFKA_LOG_DIRS", "(KAFKA_LOG_DIRS unset)"));
        if (!"false".equals(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))) {
          problem(
              e.getKey(),
              "KAFKA_AUTO_CREATE_TOPICS_ENABLE must be \"false\" (topics are created explicitly)");
        }
        hostPort(e.getKey(), e.getValue(), 9092);
      }
    }
    return problems;
  }

  private void problem(String where, String message) {
    problems.add("docker-compose: " + where + ": " + message);
  }

  private void image(String name, JsonNode s) {
    String image = s.path("image").asText("");
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (image.isEmpty() || !last.contains(":") || last.endsWith(":latest")) {
      problem(name, "image must be named with an explicit tag other than latest: " + image);
    }
  }

  private void dependsOn(String name, JsonNode s, Map<String, JsonNode> all) {
    JsonNode deps = s.path("depends_on");
    if (deps.isArray()) {
      problem(
          name, "depends_on needs conditions (service_healthy, service_completed_successfully)");
      return;
    }
    deps.properties()
        .forEach(
            d -> {
              JsonNode target = all.get(d.getKey());
              String condition = d.getValue().path("condition").asText("");
              if (target == null) {
                problem(name, "depends on an unknown service " + d.getKey());
              } else if (isOneShot(target) && !condition.equals("service_completed_successfully")) {
                problem(
                    name,
                    "must wait for one-shot "
                        + d.getKey()
                        + " with service_completed_successfully");
              } else if (!isOneShot(target) && !condition.equals("service_healthy")) {
                problem(name, "must wait for " + d.getKey() + " with service_healthy");
              }
            });
  }

  private void tickerService(String name, JsonNode s, Map<String, JsonNode> all) {
    if (!("ticker/" + name + ":local").equals(s.path("image").asText())) {
      problem(name, "image must be ticker/" + name + ":local (the tag the dev overlay deploys)");
    }
    if (!(String.valueOf(ManifestRules.USER_ID) + ":" + ManifestRules.USER_ID)
        .equals(s.path("user").asText())) {
      problem(name, "must run as user " + ManifestRules.USER_ID + ":" + ManifestRules.USER_ID);
    }
    if (!s.path("read_only").asBoolean(false)) {
      problem(name, "needs read_only: true");
    }
    boolean tmp = false;
    for (JsonNode t : s.path("tmpfs")) {
      tmp |= t.asText().equals("/tmp") || t.asText().startsWith("/tmp:");
    }
    if (!tmp) {
      problem(name, "needs a tmpfs at /tmp (the root filesystem is read-only)");
    }
    Map<String, String> env = environment(s);
    String port = env.get("QUARKUS_HTTP_PORT");
    if (port == null || !port.matches("\\d+")) {
      problem(name, "needs QUARKUS_HTTP_PORT");
      return;
    }
    hostPort(name, s, Integer.parseInt(port));
    String health = String.join(" ", test(s.path("healthcheck")));
    if (!health.contains("localhost:" + port + ManifestRules.READY)) {
      problem(name, "healthcheck must call http://localhost:" + port + ManifestRules.READY);
    }
    for (Map.Entry<String, JsonNode> other : all.entrySet()) {
      JsonNode o = other.getValue();
      String image = o.path("image").asText("");
      boolean infrastructure = image.startsWith("postgres:") || image.startsWith("apache/kafka:");
      if ((infrastructure || (isOneShot(o) && !o.has("profiles")))
          && !s.path("depends_on").has(other.getKey())) {
        problem(name, "must depend on " + other.getKey());
      }
    }
    String key = env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "");
    boolean keyMounted =
        mounts(s).stream()
            .anyMatch(
                m ->
                    m.named()
                        && m.readOnly()
                        && key.startsWith(m.target() + "/")
                        && all.values().stream()
                            .anyMatch(
                                o ->
                                    isOneShot(o)
                                        && mounts(o).stream()
                                            .anyMatch(x -> x.source().equals(m.source()))));
    if (!keyMounted) {
      problem(
          name,
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION must be on a read-only named volume a one-shot init fills");
    }
  }

  private void dataOnNamedVolume(String name, JsonNode s, String path) {
    if (mounts(s).stream().noneMatch(m -> m.named() && m.target().equals(path))) {
      problem(name, "its data at " + path + " must live on a named volume (kept across down/up)");
    }
  }

  /** The service publishes its port on the same host port (as ./ticker up does). */
  private void hostPort(String name, JsonNode s, int port) {
    boolean found = false;
    for (JsonNode p : s.path("ports")) {
      if (p.isObject()) {
        found |=
            p.path("target").asInt() == port
                && p.path("published").asText().equals(String.valueOf(port));
      } else {
        found |= p.asText().equals(port + ":" + port);
      }
    }
    if (!found) {
      problem(name, "must publish port " + port + " as host port " + port + " by default");
    }
  }

  static boolean isTickerService(String name, JsonNode s) {
    JsonNode build = s.path("build");
    return build.path("dockerfile").asText("").equals(SERVICE_DOCKERFILE)
        && build.path("args").path("SERVICE").asText("").equals(name);
  }

  static boolean isOneShot(JsonNode s) {
    return "no".equals(s.path("restart").asText(""));
  }

  static List<String> test(JsonNode healthcheck) {
    List<String> out = new ArrayList<>();
    JsonNode test = healthcheck.path("test");
    if (test.isArray()) {
      test.forEach(t -> out.add(t.asText()));
    } else if (test.isTextual()) {
      out.add(test.asText());
    }
    if (!out.isEmpty() && out.get(0).equals("NONE")) {
      out.clear();
    }
    return out;
  }

  /** The environment of a service as a map, from either the mapping or the list form. */
  public static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.path("environment");
    if (e.isObject()) {
      e.properties()
          .forEach(x -> env.put(x.getKey(), x.getValue().isNull() ? "" : x.getValue().asText()));
    } else if (e.isArray()) {
      for (JsonNode x : e) {
        String s = x.asText();
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  /** A volume entry: named volume or bind mount, its target and mode. */
  public record Mount(String source, String target, boolean readOnly) {
    public boolean named() {
      return !source.isEmpty()
          && !source.startsWith(".")
          && !source.startsWith("/")
          && !source.startsWith("~");
    }
  }

  public static List<Mount> mounts(JsonNode service) {
    List<Mount> out = new ArrayList<>();
    Iterator<JsonNode> it = service.path("volumes").elements();
    while (it.hasNext()) {
      JsonNode v = it.next();
      if (v.isObject()) {
        out.add(
            new Mount(
                v.path("source").asText(""),
                v.path("target").asText(""),
                v.path("read_only").asBoolean(false)));
      } else {
        String[] parts = v.asText().split(":");
        if (parts.length == 1) {
          out.add(new Mount("", parts[0], false));
        } else {
          out.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
        }
      }
    }
    return out;
  }
}
