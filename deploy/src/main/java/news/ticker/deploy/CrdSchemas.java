package news.ticker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The operators' own CustomResourceDefinitions, read from a directory, and the validation of custom
 * resources against the {@code openAPIV3Schema} of the served version they name.
 *
 * <p>The directory is a setting, so that the checks can use the definitions a cluster actually runs
 * ({@code kubectl get crd NAME -o yaml > DIR/NAME.yaml}): every {@code *.yaml}/{@code *.yml} file
 * under it is read, each document that is a {@code CustomResourceDefinition} (or a {@code List} of
 * them) is indexed by {@code group/version/Kind} for each served version, anything else is skipped.
 * {@link #defaultDirectory()}: the system property {@value #PROPERTY}, else {@code <repository
 * root>/../shared/crds}.
 *
 * <p>A Kubernetes structural schema is OpenAPI v3, validated here with networknt's
 * json-schema-validator in its OpenAPI 3.0 dialect ({@code nullable} is understood there). Before
 * that the schema is adjusted to what the API server does with it:
 *
 * <ul>
 *   <li>an object with {@code properties}, without {@code additionalProperties} and without {@code
 *       x-kubernetes-preserve-unknown-fields: true}, is closed ({@code additionalProperties:
 *       false}). The API server would prune an unknown field silently; here it is a problem, as a
 *       misspelt field would be lost. Objects inside {@code allOf}/{@code anyOf}/{@code
 *       oneOf}/{@code not} stay open: in a structural schema those only restrict what the outer
 *       schema defines;
 *   <li>{@code x-kubernetes-int-or-string: true} without {@code anyOf} becomes {@code anyOf:
 *       [integer, string]};
 *   <li>{@code x-kubernetes-embedded-resource: true} admits {@code apiVersion}, {@code kind} and
 *       {@code metadata};
 *   <li>{@code x-kubernetes-list-type: set} becomes {@code uniqueItems: true}; {@code map} lists
 *       must not repeat a combination of their {@code x-kubernetes-list-map-keys} (a keyword added
 *       to the dialect);
 *   <li>the other {@code x-kubernetes-*} keywords are annotations. CEL rules ({@code
 *       x-kubernetes-validations}) are not evaluated: {@link SchemaCheck} holds the few that matter
 *       here.
 * </ul>
 *
 * {@code metadata} is not part of a CRD's schema (the API server validates it as ObjectMeta):
 * {@link SchemaCheck} checks it.
 */
public final class CrdSchemas {

  /** System property naming the CRD directory (tests: {@code -Dticker.crds=DIR}). */
  public static final String PROPERTY = "ticker.crds";

  private static final String HOW =
      "point crds=DIR (RenderedCheck), -Dticker.crds=DIR (tests) or TICKER_CRDS (deploy/check.sh)"
          + " at the operators' CRDs";

  private static final Map<Path, CrdSchemas> LOADED = new ConcurrentHashMap<>();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDialect(
          Dialect.builder(Dialects.getOpenApi30()).keyword(new ListMapKeys()).build(),
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

  /** No CRDs where they are needed; the message is one line that says where and what to do. */
  public static final class MissingCrdException extends IllegalStateException {
    MissingCrdException(String message) {
      super(message);
    }
  }

  /** One served version of a CRD: where it came from, its schema as the validator takes it. */
  private record Definition(Path file, String schema) {}

  private final Path directory;
  private final Map<String, Definition> definitions;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private CrdSchemas(Path directory, Map<String, Definition> definitions) {
    this.directory = directory;
    this.definitions = definitions;
  }

  /** The CRDs of {@link #defaultDirectory()}, read once. */
  public static CrdSchemas configured() {
    return at(defaultDirectory());
  }

  /** The CRDs of a directory, read once per directory. */
  public static CrdSchemas at(Path directory) {
    return LOADED.computeIfAbsent(directory.toAbsolutePath().normalize(), CrdSchemas::load);
  }

  /** {@value #PROPERTY} if set, else {@code <repository root>/../shared/crds}. */
  public static Path defaultDirectory() {
    String configured = System.getProperty(PROPERTY, "");
    if (!configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return repositoryRoot().resolve("../shared/crds").normalize();
  }

  /** {@code ticker.repo.root} if set, else the first directory upwards that holds deploy/base. */
  static Path repositoryRoot() {
    String configured = System.getProperty("ticker.repo.root", "");
    if (!configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy/base"))) {
        return dir;
      }
    }
    return cwd;
  }

  /**
   * Reads every CRD under a directory.
   *
   * @throws MissingCrdException if the directory does not exist or holds no CRD
   */
  public static CrdSchemas load(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new MissingCrdException("no CRDs: " + dir + " is not a directory; " + HOW);
    }
    Map<String, Definition> definitions = new TreeMap<>();
    for (Path file : yamlFiles(dir)) {
      List<JsonNode> documents;
      try {
        documents = Yaml.documents(file.toString(), Yaml.read(file));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "CRD file " + file + " is not valid YAML: " + firstLine(e.getMessage()), e);
      }
      for (JsonNode document : documents) {
        List<JsonNode> items =
            "List".equals(document.path("kind").asText())
                ? toList(document.path("items"))
                : List.of(document);
        for (JsonNode crd : items) {
          index(file, crd, definitions);
        }
      }
    }
    if (definitions.isEmpty()) {
      throw new MissingCrdException(
          "no CRDs: " + dir + " holds no apiextensions.k8s.io/v1 CustomResourceDefinition; " + HOW);
    }
    return new CrdSchemas(dir, definitions);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void index(Path file, JsonNode crd, Map<String, Definition> definitions) {
    if (!"apiextensions.k8s.io/v1".equals(crd.path("apiVersion").asText())
        || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
      return;
    }
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    for (JsonNode version : spec.path("versions")) {
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (!version.path("served").asBoolean(false) || !schema.isObject()) {
        continue;
      }
      String type = group + "/" + version.path("name").asText() + "/" + kind;
      Definition earlier = definitions.get(type);
      if (earlier != null) {
        throw new IllegalStateException(
            "two CRDs define " + type + ": " + earlier.file() + " and " + file);
      }
      definitions.put(type, new Definition(file, structural(schema, false).toString()));
    }
  }

  /** The directory the CRDs were read from. */
  public Path directory() {
    return directory;
  }

  /** Every {@code group/version/Kind} a served version defines. */
  public Set<String> types() {
    return definitions.keySet();
  }

  /** Whether a served version of a CRD defines {@code group/version/Kind}. */
  public boolean defines(String type) {
    return definitions.containsKey(type);
  }

  /**
   * Fails with one line if no CRD here defines {@code group/version/Kind}.
   *
   * @throws MissingCrdException if none does
   */
  public void require(String type) {
    if (!defines(type)) {
      throw new MissingCrdException(
          "no CRD for " + type + " in " + directory + " (it has " + types() + "); " + HOW);
    }
  }

  /**
   * The problems of a custom resource against its CRD's schema, each {@code path: message} ({@code
   * spec.kafka.listeners[0].type: does not have a value in the enumeration [...]}); empty when it
   * is valid.
   *
   * @throws MissingCrdException if no CRD here defines the resource's apiVersion and kind
   */
  public List<String> validate(JsonNode resource) {
    String type = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
    require(type);
    Schema schema =
        compiled.computeIfAbsent(
            type, t -> REGISTRY.getSchema(definitions.get(t).schema(), InputFormat.JSON));
    Set<String> problems = new LinkedHashSet<>();
    for (Error error : schema.validate(resource.toString(), InputFormat.JSON)) {
      String at = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
      problems.add((at.isEmpty() ? "" : at + ": ") + error.getMessage());
    }
    return List.copyOf(problems);
  }

  /** A copy of an OpenAPI v3 schema adjusted to what the API server does with it (class doc). */
  static ObjectNode structural(JsonNode schema, boolean inJunctor) {
    ObjectNode out = schema.deepCopy();
    ObjectNode properties =
        out.path("properties").isObject() ? (ObjectNode) out.get("properties") : null;
    if (properties != null) {
      List<String> names = new ArrayList<>();
      properties.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        properties.set(name, structural(properties.get(name), false));
      }
    }
    if (out.path("items").isObject()) {
      out.set("items", structural(out.get("items"), false));
    }
    if (out.path("additionalProperties").isObject()) {
      out.set("additionalProperties", structural(out.get("additionalProperties"), false));
    }
    for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
      if (out.path(junctor).isArray()) {
        ArrayNode branches = (ArrayNode) out.get(junctor);
        for (int i = 0; i < branches.size(); i++) {
          branches.set(i, structural(branches.get(i), true));
        }
      }
    }
    if (out.path("not").isObject()) {
      out.set("not", structural(out.get("not"), true));
    }
    if (out.path("x-kubernetes-int-or-string").asBoolean(false)
        && !out.has("type")
        && !out.has("anyOf")) {
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    if (out.path("x-kubernetes-embedded-resource").asBoolean(false) && properties != null) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      properties.putIfAbsent("apiVersion", f.objectNode().put("type", "string"));
      properties.putIfAbsent("kind", f.objectNode().put("type", "string"));
      properties.putIfAbsent("metadata", f.objectNode().put("type", "object"));
    }
    if ("set".equals(out.path("x-kubernetes-list-type").asText())) {
      out.put("uniqueItems", true);
    }
    if (!inJunctor
        && properties != null
        && !out.has("additionalProperties")
        && !out.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /**
   * {@code x-kubernetes-list-map-keys} of a {@code x-kubernetes-list-type: map} list: no two items
   * may have the same values at these keys (the API server rejects such a list as a duplicate).
   */
  private static final class ListMapKeys implements Keyword {

    @Override
    public String getValue() {
      return "x-kubernetes-list-map-keys";
    }

    @Override
    public KeywordValidator newValidator(
        SchemaLocation location,
        tools.jackson.databind.JsonNode keys,
        Schema parent,
        SchemaContext context) {
      List<String> names = new ArrayList<>();
      keys.forEach(k -> names.add(k.asString()));
      boolean map = "map".equals(parent.getSchemaNode().path("x-kubernetes-list-type").asString());
      return new BaseKeywordValidator(this, keys, location, parent, context) {
        @Override
        public void validate(
            com.networknt.schema.ExecutionContext execution,
            tools.jackson.databind.JsonNode list,
            tools.jackson.databind.JsonNode root,
            NodePath at) {
          if (!map || !list.isArray()) {
            return;
          }
          Set<List<String>> seen = new HashSet<>();
          for (int i = 0; i < list.size(); i++) {
            tools.jackson.databind.JsonNode item = list.get(i);
            List<String> key = names.stream().map(n -> item.path(n).toString()).toList();
            if (!seen.add(key)) {
              execution.addError(
                  error()
                      .instanceLocation(at.append(i))
                      .instanceNode(item)
                      .evaluationPath(execution.getEvaluationPath())
                      .message("repeats the {0} of an earlier item in this map list")
                      .arguments(String.join(", ", names))
                      .build());
            }
          }
        }
      };
    }
  }
}
