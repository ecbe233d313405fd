package news.ticker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Kubernetes object as written (or rendered), with the file it came from. */
public record Manifest(String source, JsonNode node) {

  public String apiVersion() {
    return node.path("apiVersion").asText("");
  }

  public String kind() {
    return node.path("kind").asText("");
  }

  /** {@code apiVersion/kind}, e.g. {@code apps/v1/Deployment}. */
  public String type() {
    return apiVersion() + "/" + kind();
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return node.path("metadata").path("namespace").asText("");
  }

  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    node.path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** Where a problem is: {@code file: Kind/name}. */
  public String where() {
    return source + ": " + kind() + "/" + name();
  }
}
