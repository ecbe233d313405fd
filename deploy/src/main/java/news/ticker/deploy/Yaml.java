package news.ticker.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML strictly: duplicate keys are errors, as they are for kubectl. */
public final class Yaml {

  static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Yaml() {}

  /** Every object of a (multi-document) YAML file; empty documents are skipped. */
  public static List<Manifest> manifests(Path file) {
    return manifests(file.toString(), read(file));
  }

  /** Every object of a (multi-document) YAML text; empty documents are skipped. */
  public static List<Manifest> manifests(String source, String text) {
    List<Manifest> out = new ArrayList<>();
    for (JsonNode doc : documents(source, text)) {
      if (!doc.isObject()) {
        throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
      }
      out.add(new Manifest(source, doc));
    }
    return out;
  }

  /** The single document of a YAML file. */
  public static JsonNode tree(Path file) {
    List<JsonNode> docs = documents(file.toString(), read(file));
    if (docs.size() != 1) {
      throw new IllegalArgumentException(
          file + ": expected one YAML document, found " + docs.size());
    }
    return docs.get(0);
  }

  /** A single-document file read as one tree, also when it is a list (a JSON patch). */
  public static JsonNode patch(Path file) {
    try {
      return MAPPER.readTree(read(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  static List<JsonNode> documents(String source, String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    return docs;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
