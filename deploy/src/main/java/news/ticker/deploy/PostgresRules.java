package news.ticker.deploy;

import static news.ticker.deploy.ManifestIndex.fromSecret;
import static news.ticker.deploy.ManifestIndex.spec;
import static news.ticker.deploy.ManifestIndex.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one CloudNativePG Cluster: bootstrapped with the services' database and role, credentials
 * generated, no superuser access; its Databases owned by that role and kept when deleted; each
 * service with a database of its own at {@code <cluster>-rw:5432}, reached through the same
 * database and TLS mode by its JDBC and reactive datasources, a {@code verify-*} mode against
 * CloudNativePG's CA.
 */
final class PostgresRules {

  private final ManifestIndex index;

  PostgresRules(ManifestIndex index) {
    this.index = index;
  }

  void check() {
    if (index.clusters.size() != 1) {
      index.problem("expected exactly one CloudNativePG Cluster, found " + index.clusters.size());
      return;
    }
    Manifest cm = index.clusters.get(0);
    JsonNode initdb = spec(cm).path("bootstrap").path("initdb");
    String owner = text(initdb.path("owner"));
    String database = text(initdb.path("database"));
    if (owner == null || database == null) {
      index.problem(
          cm, "bootstrap.initdb must name the database and its owner (the services' role)");
      return;
    }
    if (!initdb.path("secret").isMissingNode() && !initdb.path("secret").isNull()) {
      index.problem(
          cm,
          "bootstrap.initdb.secret must be left out, so that CloudNativePG generates the credentials");
    }
    JsonNode superuser = spec(cm).path("enableSuperuserAccess");
    if (!superuser.isBoolean() || superuser.booleanValue()) {
      index.problem(cm, "enableSuperuserAccess must be false");
    }
    Set<String> names = new HashSet<>(Set.of(database));
    for (Manifest db : index.databases) {
      String cluster = text(spec(db).path("cluster").path("name"));
      if (!cm.name().equals(cluster)) {
        index.problem(db, "names Cluster " + cluster + ", which is not defined");
      }
      if (!owner.equals(text(spec(db).path("owner")))) {
        index.problem(db, "owner must be " + owner + ", the role the services log in as");
      }
      if ("delete".equals(text(spec(db).path("databaseReclaimPolicy")))) {
        index.problem(
            db, "databaseReclaimPolicy delete would drop the database with this resource");
      }
      if (!names.add(text(spec(db).path("name")))) {
        index.problem(db, "database " + text(spec(db).path("name")) + " is declared twice");
      }
    }
    String host = cm.name() + "-rw";
    Set<String> used = new HashSet<>();
    for (Map.Entry<Manifest, Deployment> d : index.deployments.entrySet()) {
      String reactive = index.setting(d.getValue(), "QUARKUS_DATASOURCE_REACTIVE_URL");
      String jdbc = index.setting(d.getValue(), "QUARKUS_DATASOURCE_JDBC_URL");
      if (reactive == null || jdbc == null) {
        index.problem(
            d.getKey(), "needs QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL");
        continue;
      }
      if (!("jdbc:" + withoutQuery(reactive)).equals(withoutQuery(jdbc))) {
        index.problem(d.getKey(), "the JDBC and reactive datasource URLs name different databases");
      }
      tls(cm, d.getKey(), d.getValue(), jdbc);
      URI uri = URI.create(withoutQuery(reactive));
      String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (!"postgresql".equals(uri.getScheme())
          || !host.equals(uri.getHost())
          || uri.getPort() != 5432) {
        index.problem(
            d.getKey(), "datasource must be postgresql://" + host + ":5432/<db>, is " + reactive);
      }
      if (!names.contains(db)) {
        index.problem(
            d.getKey(), "database " + db + " is neither bootstrapped nor declared by a Database");
      }
      if (!used.add(db)) {
        index.problem(
            d.getKey(),
            "shares database " + db + " with another service (one database per service)");
      }
    }
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /**
   * Both datasources use the same TLS mode (JDBC: the URL's sslmode; reactive:
   * QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE), and a verify-* mode checks the server against
   * CloudNativePG's CA certificate (Secret {@code <cluster>-ca}) mounted into the pod.
   */
  private void tls(Manifest cm, Manifest m, Deployment d, String jdbc) {
    Map<String, String> parameters = new LinkedHashMap<>();
    int query = jdbc.indexOf('?');
    if (query >= 0) {
      for (String parameter : jdbc.substring(query + 1).split("&")) {
        int eq = parameter.indexOf('=');
        parameters.put(
            eq < 0 ? parameter : parameter.substring(0, eq),
            eq < 0 ? "" : parameter.substring(eq + 1));
      }
    }
    String jdbcMode = parameters.get("sslmode");
    String reactiveMode = index.setting(d, "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE");
    if (!Objects.equals(jdbcMode, reactiveMode)) {
      index.problem(
          m,
          "the JDBC (sslmode "
              + jdbcMode
              + ") and reactive (QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE "
              + reactiveMode
              + ") datasources use different TLS modes");
      return;
    }
    if (jdbcMode == null || !jdbcMode.startsWith("verify-")) {
      return;
    }
    String ca = cm.name() + "-ca";
    if (!fromSecret(d, parameters.get("sslrootcert"), ca)
        || !"true".equals(index.setting(d, "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM"))
        || !fromSecret(
            d, index.setting(d, "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"), ca)) {
      index.problem(
          m,
          "sslmode "
              + jdbcMode
              + " needs the JDBC URL's sslrootcert and the reactive"
              + " QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM(_CERTS) to name ca.crt of a volume"
              + " of Secret "
              + ca);
    }
  }
}
