package news.ticker.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * Lifts the JSON data of {@code name} at {@code fromVersion} to {@code fromVersion + 1}. When a
 * wire format changes, bump the type's version in {@link EventCatalog}, keep the old golden file,
 * and register an upcaster here so every stored event of the old version still reads.
 */
public record Upcaster(String name, int fromVersion, UnaryOperator<ObjectNode> lift) {}
