package news.ticker.devstack.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one list of XSS vectors every test uses: a representative set of the OWASP XSS Filter Evasion
 * Cheat Sheet plus mutation-XSS classics ({@code owasp-xss-vectors.json} beside this class). The
 * platform's sanitiser test runs each against the allow-list; the services' fuzz tests send them
 * through their HTML fields.
 */
public final class XssVectors {

  private static final List<String> ALL = load();

  private XssVectors() {}

  public static List<String> all() {
    return ALL;
  }

  private static List<String> load() {
    try (InputStream in = XssVectors.class.getResourceAsStream("owasp-xss-vectors.json")) {
      if (in == null) {
        throw new IllegalStateException("owasp-xss-vectors.json is missing");
      }
      return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
