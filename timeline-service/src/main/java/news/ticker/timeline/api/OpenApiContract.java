package news.ticker.timeline.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import news.ticker.timeline.changes.PublicChange;
import news.ticker.timeline.changes.StoredChanges;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the annotations of the timeline's response types cannot say, added to its OpenAPI document
 * at build time (so the stored {@code target/openapi/openapi.json} has it too):
 *
 * <ul>
 *   <li><b>{@code Change}</b>, an item of {@code /changes} and the data of an SSE frame, becomes a
 *       {@code oneOf} of one schema per change type ({@code UpdatePostedChange}, …), each with its
 *       {@code type} fixed ({@code const}) and its own {@code data}, discriminated by {@code type}.
 *       The change types are the records of the sealed {@link PublicChange}; each one's type name
 *       is what its {@code type()} answers, so nothing here lists them.
 *   <li><b>{@code PublicText}</b>, a text a redaction can remove: a string, null, or {@code
 *       {"redacted": true}} ({@link PublicChange.Text} writes it with {@code @JsonValue}).
 *   <li><b>A nullable enumeration lists null</b> among its values.
 *   <li><b>Every property is required</b> in the schemas of the timeline's own types: {@code
 *       Json.MAPPER} writes every component of a record, nulls included, so a client can rely on
 *       each one being there (a nullable one says so). {@code Problem} keeps its optional members,
 *       and a schema that names its required properties itself (the JSON-LD of {@code
 *       META-INF/openapi.yaml}) keeps them.
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

  static final String CHANGE = "Change";
  static final String CHANGE_DATA = "ChangeData";
  static final String PUBLIC_TEXT = "PublicText";
  static final String REDACTED_TEXT = "RedactedText";
  private static final String SCHEMAS = "#/components/schemas/";
  private static final Set<String> OWN_REQUIRED = Set.of("Problem");

  @Override
  public void filterOpenAPI(OpenAPI api) {
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    publicText(api);
    requireAll(schemas);
    schemas.values().forEach(OpenApiContract::nullableEnums);
    if (schemas.containsKey(CHANGE)) {
      changeUnion(api, schemas);
    }
  }

  /** {@code PublicText}: one of a string, null, or {@code {"redacted": true}}. */
  private static void publicText(OpenAPI api) {
    Schema redacted =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .description("A text removed for good by a redaction")
            .addProperty(
                "redacted",
                OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).constValue(true))
            .addRequired("redacted")
            .additionalPropertiesBoolean(false);
    Schema text =
        OASFactory.createSchema()
            .description(
                "A text a redaction can remove: the text, null when there is none, or"
                    + " {\"redacted\": true} once it was redacted")
            .addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
            .addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL))
            .addOneOf(OASFactory.createSchema().ref(SCHEMAS + REDACTED_TEXT));
    api.getComponents().addSchema(REDACTED_TEXT, redacted);
    api.getComponents().addSchema(PUBLIC_TEXT, text);
  }

  /** Every property required, in the object schemas of the timeline's own types. */
  private static void requireAll(Map<String, Schema> schemas) {
    for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
      Schema schema = entry.getValue();
      if (OWN_REQUIRED.contains(entry.getKey())
          || schema.getProperties() == null
          || schema.getProperties().isEmpty()
          || (schema.getRequired() != null && !schema.getRequired().isEmpty())) {
        continue;
      }
      schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
    }
  }

  /**
   * A nullable property with an enumeration ({@code type: [string, "null"]}) also lists null among
   * its values: JSON Schema checks {@code enum} on its own, so null would fail it.
   */
  private static void nullableEnums(Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    for (Schema property : schema.getProperties().values()) {
      List<Object> values = property.getEnumeration();
      if (property.getType() != null
          && property.getType().contains(Schema.SchemaType.NULL)
          && values != null
          && !values.contains(null)) {
        List<Object> withNull = new ArrayList<>(values);
        withNull.add(null);
        property.setEnumeration(withNull);
      }
    }
  }

  /** {@code Change} as a union of one schema per change type, discriminated by {@code type}. */
  private static void changeUnion(OpenAPI api, Map<String, Schema> schemas) {
    Schema base = schemas.get(CHANGE);
    Map<String, String> types = changeTypes();
    Schema data = schemas.get(CHANGE_DATA);
    Set<String> listed = new TreeSet<>();
    if (data != null && data.getOneOf() != null) {
      data.getOneOf().forEach(s -> listed.add(name(s.getRef())));
    }
    if (!listed.equals(new TreeSet<>(types.keySet()))) {
      throw new IllegalStateException(
          "PublicChange's @Schema(oneOf) lists "
              + listed
              + " but its records are "
              + new TreeSet<>(types.keySet())
              + ": list every change type there");
    }
    Schema union =
        OASFactory.createSchema()
            .description(base.getDescription() + "; the type says which schema the data has");
    Discriminator discriminator = OASFactory.createDiscriminator().propertyName("type");
    for (Map.Entry<String, String> type : types.entrySet()) {
      String variant = type.getKey() + CHANGE;
      Schema schema =
          OASFactory.createSchema()
              .addType(Schema.SchemaType.OBJECT)
              .title(variant)
              .description(schemas.get(type.getKey()).getDescription());
      for (Map.Entry<String, Schema> property : base.getProperties().entrySet()) {
        Schema value =
            switch (property.getKey()) {
              case "type" ->
                  OASFactory.createSchema()
                      .addType(Schema.SchemaType.STRING)
                      .constValue(type.getValue());
              case "data" -> OASFactory.createSchema().ref(SCHEMAS + type.getKey());
              default -> property.getValue();
            };
        schema.addProperty(property.getKey(), value);
      }
      schema.setRequired(new ArrayList<>(base.getProperties().keySet()));
      api.getComponents().addSchema(variant, schema);
      union.addOneOf(OASFactory.createSchema().ref(SCHEMAS + variant));
      discriminator.addMapping(type.getValue(), SCHEMAS + variant);
    }
    union.setDiscriminator(discriminator);
    api.getComponents().addSchema(CHANGE, union);
    api.getComponents().removeSchema(CHANGE_DATA);
  }

  /**
   * The records of {@link PublicChange} by schema name (the record's simple name), in declaration
   * order, each with its type name as {@link StoredChanges#name} maps them.
   */
  static Map<String, String> changeTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    for (Class<?> record : PublicChange.class.getPermittedSubclasses()) {
      types.put(record.getSimpleName(), StoredChanges.name(record.asSubclass(PublicChange.class)));
    }
    return types;
  }

  private static String name(String ref) {
    return ref == null ? "" : ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** The variant schemas' names, for tests. */
  static List<String> variants() {
    return changeTypes().keySet().stream().map(name -> name + CHANGE).toList();
  }
}
