package news.ticker.bench.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which library a CPU sample belongs to: the innermost frame that belongs to a known library other
 * than the JDK (a {@code HashMap.get} called by Jackson is Jackson's time), the JDK when none does.
 */
public final class Libraries {

  /** Libraries by package prefix, the first match wins. */
  static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("com.fasterxml.jackson", "JSON (Jackson)");
    CATEGORIES.put("javax.crypto", "crypto");
    CATEGORIES.put("com.sun.crypto", "crypto");
    CATEGORIES.put("sun.security", "crypto");
    CATEGORIES.put("org.jsoup", "HTML sanitising (jsoup)");
    CATEGORIES.put("org.hibernate", "Hibernate");
    CATEGORIES.put("io.vertx.pgclient", "PostgreSQL client");
    CATEGORIES.put("io.vertx.sqlclient", "PostgreSQL client");
    CATEGORIES.put("org.postgresql", "PostgreSQL client");
    CATEGORIES.put("org.apache.kafka", "Kafka client");
    CATEGORIES.put("io.smallrye.reactive.messaging", "Reactive Messaging");
    CATEGORIES.put("io.smallrye.mutiny", "Mutiny");
    CATEGORIES.put("org.jboss.resteasy", "REST (RESTEasy)");
    CATEGORIES.put("io.quarkus.vertx.http", "HTTP (Quarkus)");
    CATEGORIES.put("io.vertx.core.http", "HTTP (Vert.x)");
    CATEGORIES.put("io.netty", "network (Netty)");
    CATEGORIES.put("io.micrometer", "metrics");
    CATEGORIES.put("io.smallrye.jwt", "JWT");
    CATEGORIES.put("org.jose4j", "JWT");
    CATEGORIES.put("org.jboss.logmanager", "logging");
    CATEGORIES.put("news.ticker", "Ticker code");
    CATEGORIES.put("io.quarkus", "Quarkus");
    CATEGORIES.put("io.vertx", "Vert.x");
    CATEGORIES.put("java.util.regex", "regex");
    CATEGORIES.put("java.", "JDK");
    CATEGORIES.put("jdk.", "JDK");
    CATEGORIES.put("sun.", "JDK");
  }

  private Libraries() {}

  /** The library of a sample's stack (frames named by {@link Frames#name}, leaf first). */
  public static String of(List<String> leafFirst) {
    for (String frame : leafFirst) {
      String c = ofClass(frame);
      if (c != null && !c.equals("JDK")) {
        return c;
      }
    }
    return "JDK";
  }

  /** The library a class (or frame) name belongs to, or null. */
  public static String ofClass(String name) {
    for (Map.Entry<String, String> e : CATEGORIES.entrySet()) {
      if (name.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
