package news.ticker.timeline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import news.ticker.devstack.testing.TestTokens;
import news.ticker.events.Ids;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.changes.StoredChanges;
import news.ticker.timeline.support.Api;
import news.ticker.timeline.support.Newsroom;
import news.ticker.timeline.support.StoryScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timeline's {@code /q/openapi} is a contract a typed client can be generated from, and it
 * cannot drift from what the service sends:
 *
 * <ul>
 *   <li>every operation has a 2xx response with a schema and an example for each media type, and
 *       typed parameters;
 *   <li>every {@link PublicChange} record has its schema, and {@code Change} is the union of one
 *       schema per change type, discriminated by {@code type} as {@link StoredChanges} names them;
 *   <li>real responses of every read (and an admin read), the golden {@code /changes} and SSE items
 *       of {@code ChangeGoldenTest}, and every example fit their schemas (JSON Schema 2020-12, as
 *       OpenAPI 3.1 uses it).
 * </ul>
 */
@QuarkusTest
class OpenApiContractTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/timeline");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private JsonNode spec;

  @BeforeEach
  void document() {
    spec = Json.tree(given().queryParam("format", "json").get("/q/openapi").asString());
  }

  @Test
  void everyOperationAnswersWithASchemaAndAnExampleAndTypesItsParameters() {
    List<String> operations = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    forEachOperation(
        (name, operation) -> {
          operations.add(name);
          List<String> successes = new ArrayList<>();
          operation.path("responses").fieldNames().forEachRemaining(successes::add);
          successes.removeIf(code -> !code.startsWith("2"));
          if (successes.isEmpty()) {
            failures.add(name + ": no 2xx response");
          }
          for (String code : successes) {
            JsonNode content = operation.path("responses").path(code).path("content");
            if (content.isEmpty()) {
              failures.add(name + " " + code + ": no content");
            }
            content
                .properties()
                .forEach(
                    media -> {
                      JsonNode body = media.getValue();
                      if (body.path("schema").isEmpty()) {
                        failures.add(name + " " + code + " " + media.getKey() + ": no schema");
                      }
                      if (!body.has("example") && body.path("examples").isEmpty()) {
                        failures.add(name + " " + code + " " + media.getKey() + ": no example");
                      }
                    });
          }
          for (JsonNode parameter : operation.path("parameters")) {
            JsonNode schema = parameter.path("schema");
            if (!schema.has("type") && !schema.has("enum") && !schema.has("$ref")) {
              failures.add(name + ": parameter " + parameter.path("name").asText() + " untyped");
            }
            String parameterName = parameter.path("name").asText();
            if (parameter.path("in").asText().equals("path")
                && (parameterName.endsWith("Id") || parameterName.equals("id"))
                && !schema.path("format").asText().equals("uuid")) {
              failures.add(name + ": path parameter " + parameterName + " is not a uuid");
            }
          }
        });
    assertThat(operations).hasSizeGreaterThanOrEqualTo(11);
    assertThat(failures).isEmpty();
  }

  @Test
  void everyChangeTypeHasItsSchemaAndChangeIsTheirUnionByType() {
    JsonNode schemas = spec.path("components").path("schemas");
    JsonNode change = schemas.path("Change");
    JsonNode mapping = change.path("discriminator").path("mapping");
    assertThat(change.path("discriminator").path("propertyName").asText()).isEqualTo("type");
    Set<String> variants = new TreeSet<>();
    change.path("oneOf").forEach(v -> variants.add(v.path("$ref").asText()));

    Map<String, Class<? extends PublicChange>> types = StoredChanges.types();
    assertThat(Set.<Class<?>>copyOf(types.values()))
        .isEqualTo(Set.of(PublicChange.class.getPermittedSubclasses()));
    for (Class<?> record : PublicChange.class.getPermittedSubclasses()) {
      String name = record.getSimpleName();
      JsonNode data = schemas.path(name);
      assertThat(data.isObject()).as("schema %s", name).isTrue();
      for (RecordComponent component : record.getRecordComponents()) {
        assertThat(data.path("properties").has(component.getName()))
            .as("%s.%s", name, component.getName())
            .isTrue();
      }
      String type =
          types.entrySet().stream()
              .filter(e -> e.getValue() == record)
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      String variant = "#/components/schemas/" + name + "Change";
      assertThat(variants).as(type).contains(variant);
      assertThat(mapping.path(type).asText()).as(type).isEqualTo(variant);
      JsonNode properties = schemas.path(name + "Change").path("properties");
      assertThat(properties.path("type").path("const").asText()).isEqualTo(type);
      assertThat(properties.path("data").path("$ref").asText())
          .isEqualTo("#/components/schemas/" + name);
    }
    assertThat(variants).hasSize(types.size());
  }

  @Test
  void realResponsesFitTheirSchemas() {
    Newsroom newsroom = Newsroom.get();
    StoryScript story = new StoryScript();
    UUID first = story.newUpdate();
    UUID second = story.newUpdate();
    UUID third = story.newUpdate();
    UUID analysis = Ids.newId();
    story.publish(
        newsroom,
        story.open("Contract", "contract-" + story.storyId, "Politiek"),
        story.post(first, "Eerste", "<p>Een</p>"),
        story.post(second, "Tweede", "<p>Twee</p>"),
        story.post(third, "Derde", "<p>Drie</p>"),
        story.correct(first, "Eerste (gecorrigeerd)", "<p>Juist</p>", "Een fout"),
        story.pin(first),
        story.markKeyEvent(first),
        story.linkArticle(Ids.newId(), "Achtergrond"),
        story.attachAnalysis(analysis, "Wat het betekent", first),
        story.retract(second),
        story.redact(third, "Op verzoek van de rechter"));
    newsroom.destroyKey(story.storyId, third);
    Api.awaitVersion(story.storyId, 11);

    String base = "/api/v1/stories";
    String id = story.storyId.toString();
    fits("get", base, "application/json", given().queryParam("slug", "contract-" + id).get(base));
    fits("get", base + "/{storyId}", "application/json", given().get(base + "/" + id));
    fits(
        "get",
        base + "/{storyId}",
        "application/ld+json",
        given().accept("application/ld+json").get(base + "/" + id));
    fits(
        "get",
        base + "/{storyId}/updates",
        "application/json",
        given().get(base + "/" + id + "/updates"));
    for (UUID update : List.of(first, second, third)) {
      fits(
          "get",
          base + "/{storyId}/updates/{updateId}",
          "application/json",
          given().get(base + "/" + id + "/updates/" + update));
    }
    fits(
        "get",
        base + "/{storyId}/changes",
        "application/json",
        given().get(base + "/" + id + "/changes"));
    fits(
        "get",
        base + "/{storyId}/changes",
        "application/json",
        given().queryParam("limit", 2).get(base + "/" + id + "/changes"));
    fits(
        "get",
        "/api/v1/admin/stories/{storyId}/projection",
        "application/json",
        given()
            .header("Authorization", TestTokens.bearer("admin"))
            .get("/api/v1/admin/stories/" + id + "/projection"));
  }

  @Test
  void theGoldenChangesAndFramesFitTheChangeSchema() throws IOException {
    JsonNode changeSchema = Json.tree("{\"$ref\": \"#/components/schemas/Change\"}");
    for (String file : List.of("changes.json", "changes-before-redaction.json")) {
      for (JsonNode item : golden(file)) {
        assertThat(errors(changeSchema, item)).as("%s %s", file, item).isEmpty();
      }
    }
    for (String file : List.of("sse-live.json", "sse-replay.json")) {
      for (JsonNode frame : golden(file)) {
        JsonNode data = frame.path("data");
        assertThat(data.path("type").asText()).isEqualTo(frame.path("event").asText());
        assertThat(errors(changeSchema, data)).as("%s %s", file, frame).isEmpty();
      }
    }
  }

  @Test
  void everyExampleFitsItsSchema() {
    List<String> failures = new ArrayList<>();
    int[] checked = {0};
    forEachOperation(
        (name, operation) ->
            operation
                .path("responses")
                .properties()
                .forEach(
                    response ->
                        response
                            .getValue()
                            .path("content")
                            .properties()
                            .forEach(
                                media -> {
                                  if (!media.getKey().contains("json")) {
                                    return;
                                  }
                                  JsonNode schema = media.getValue().path("schema");
                                  media
                                      .getValue()
                                      .path("examples")
                                      .properties()
                                      .forEach(
                                          example -> {
                                            checked[0]++;
                                            List<String> errors =
                                                errors(schema, exampleValue(example.getValue()));
                                            if (!errors.isEmpty()) {
                                              failures.add(
                                                  name
                                                      + " "
                                                      + response.getKey()
                                                      + " "
                                                      + example.getKey()
                                                      + ": "
                                                      + errors);
                                            }
                                          });
                                })));
    assertThat(checked[0]).isGreaterThanOrEqualTo(10);
    assertThat(failures).isEmpty();
  }

  private void fits(String method, String path, String mediaType, Response response) {
    assertThat(response.statusCode()).as("%s %s", path, response.asString()).isEqualTo(200);
    JsonNode schema =
        spec.path("paths")
            .path(path)
            .path(method)
            .path("responses")
            .path("200")
            .path("content")
            .path(mediaType)
            .path("schema");
    assertThat(schema.isMissingNode()).as("%s %s %s", method, path, mediaType).isFalse();
    assertThat(errors(schema, Json.tree(response.asString())))
        .as("%s %s (%s): %s", method, path, mediaType, response.asString())
        .isEmpty();
  }

  /** Where the schema refers to components, it is resolved against this document's. */
  private List<String> errors(JsonNode schema, JsonNode instance) {
    ObjectNode document = Json.object();
    document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    document.set("$defs", spec.path("components").path("schemas"));
    document.setAll((ObjectNode) schema);
    String text = document.toString().replace("#/components/schemas/", "#/$defs/");
    List<String> messages = new ArrayList<>();
    for (Error error :
        SCHEMAS.getSchema(text, InputFormat.JSON).validate(instance.toString(), InputFormat.JSON)) {
      messages.add(error.getInstanceLocation() + " " + error.getMessage());
    }
    return messages;
  }

  private JsonNode exampleValue(JsonNode example) {
    if (example.has("$ref")) {
      String name = example.path("$ref").asText().replace("#/components/examples/", "");
      return spec.path("components").path("examples").path(name).path("value");
    }
    return example.path("value");
  }

  /** A golden file, with its made-up names ({@code {update-1}}) back to ids. */
  private static JsonNode golden(String file) throws IOException {
    String text = Files.readString(GOLDEN.resolve(file));
    return Json.tree(text.replaceAll("\"\\{[a-z0-9-]+\\}\"", "\"" + Ids.newId() + "\""));
  }

  private interface OperationVisitor {
    void visit(String name, JsonNode operation);
  }

  private void forEachOperation(OperationVisitor visitor) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .properties()
          .forEach(
              method -> {
                if (METHODS.contains(method.getKey())) {
                  visitor.visit(
                      method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                }
              });
    }
  }
}
