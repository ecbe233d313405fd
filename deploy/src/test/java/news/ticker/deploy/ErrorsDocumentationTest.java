package news.ticker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md documents every problem type the services emit, and only those: a new type without
 * its section fails the build, and so does a section whose type the code no longer emits.
 *
 * <p>The types are read from the main sources of {@code platform} and the three services, as the
 * code spells them: the slug (second argument) of every {@code new ProblemException(...)} (the
 * factories, the mappers, the HTTP edge and every type a service makes itself), resolved through a
 * local {@code String} variable when it is one (the REST layer's status switch in {@code
 * ProblemMappers}), and every literal {@code https://ticker.news/problems/<slug>} (OpenAPI
 * examples, resources). A construction the test cannot read (a slug from a method call, a constant
 * of another class, a {@code Problem} built without {@code ProblemException}) fails too, naming
 * where it is, rather than slipping through.
 */
class ErrorsDocumentationTest {

  static final String DOC = "docs/errors.md";
  static final String TYPE_BASE = "https://ticker.news/problems/";
  static final List<String> MODULES =
      List.of("platform", "ingest-service", "timeline-service", "analysis-service");

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
  private static final Pattern URI =
      Pattern.compile(Pattern.quote(TYPE_BASE) + "([A-Za-z0-9._~%-]*)");
  private static final Pattern CONSTRUCTION = Pattern.compile("\\bnew\\s+ProblemException\\s*\\(");
  private static final Pattern SUPER_CALL = Pattern.compile("\\bsuper\\s*\\(");
  private static final Pattern OTHER_BUILDERS =
      Pattern.compile("\\bnew\\s+Problem\\s*\\(|\\bTYPE_BASE\\b");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern SECTION = Pattern.compile("(?m)^### `([^`]*)`[ \\t]*$");
  private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| \\[`([^`]*)`\\]\\(#");

  /** A file of the code: its path in the repository and its text. */
  record Source(String path, String text) {}

  /** What the code emits: each slug with where; and what the test could not read. */
  record Emitted(Map<String, List<String>> types, List<String> unreadable) {}

  // --- tests
  // ----------------------------------------------------------------------------------------------------

  @Test
  void documentsEveryProblemTypeTheCodeEmitsAndNoOther() {
    List<String> failures = check(sources(), Repo.read(DOC));
    assertThat(failures)
        .as(
            "problem types in the code and in "
                + DOC
                + " (every type the services emit has a section \"### `slug`\" with its URI and a"
                + " row in \"All types\"; a type no longer emitted is removed)")
        .isEmpty();
  }

  /**
   * The scan itself still finds what is known to be there, so it cannot pass by finding nothing.
   */
  @Test
  void theScanFindsTheTypesOfFactoriesSwitchesAndServices() {
    Emitted emitted = emitted(sources());
    assertThat(emitted.types())
        .containsKeys("bad-request", "invalid", "stale-version") // ProblemException's factories
        .containsKeys("method-not-allowed", "unsupported-media-type"); // ProblemMappers' switch
    assertThat(emitted.types().values().stream().flatMap(List::stream))
        .as("types a service makes itself")
        .anyMatch(where -> !where.startsWith("platform/"));
  }

  /** The comparison fails both ways and names what is wrong (a synthetic repository). */
  @Test
  void anUndocumentedTypeAndAStaleEntryFailNamingBoth() {
    List<Source> code =
        List.of(
            new Source(
                "x-service/src/main/java/X.java",
                """
                class X {
                  // new ProblemException(400, "in-a-comment", ...) is no type
                  Object documented = ProblemException.conflict("d");
                  Object conflict = new ProblemException(409, "conflict", "t", "d", List.of(), Map.of());
                  Object fresh =
                      new ProblemException(
                          429, "brand-new", "t", "d", List.of(), Map.of("Retry-After", "1"));
                  Object chosen() {
                    String slug = switch (status) { case 404 -> "from-a-switch"; default -> "conflict"; };
                    return new ProblemException(status, slug, "t", "d", List.of(), Map.of());
                  }
                  Object unreadable = new ProblemException(400, slugOf(e), "t", "d", List.of(), Map.of());
                }
                """));
    String doc =
        """
        ## All types
        | [`conflict`](#conflict) | 409 |
        | [`gone`](#gone) | 410 |

        ### `conflict`
        `https://ticker.news/problems/conflict` · 409

        ### `gone`
        `https://ticker.news/problems/gone` · 410

        ### `from-a-switch`
        no URI here; see `https://ticker.news/problems/never-was`
        """;

    Emitted emitted = emitted(code);
    assertThat(emitted.types().keySet())
        .containsExactlyInAnyOrder("conflict", "brand-new", "from-a-switch");
    assertThat(emitted.types().get("brand-new"))
        .containsExactly("x-service/src/main/java/X.java:6");

    String failures = String.join("\n", check(code, doc));
    assertThat(failures)
        .contains("not documented", "brand-new", "X.java:6")
        .contains("emitted nowhere", "gone")
        .contains("slugOf(e)", "X.java:12")
        .contains("from-a-switch", "lacks its URI")
        .contains("missing from the table", "from-a-switch")
        .contains("never-was")
        .doesNotContain("in-a-comment");
  }

  // --- the comparison
  // -------------------------------------------------------------------------------------------

  /** Everything that is wrong between the code and the page; empty when they agree. */
  static List<String> check(List<Source> code, String doc) {
    Emitted emitted = emitted(code);
    List<String> failures = new ArrayList<>();
    for (String unreadable : emitted.unreadable()) {
      failures.add(
          "cannot read the problem type at "
              + unreadable
              + ": write the slug as a string literal (or a local String variable of literals)"
              + " in new ProblemException(status, \"slug\", ...), or teach this test the new"
              + " spelling");
    }

    Map<String, String> sections = sections(doc);
    Set<String> documented = sections.keySet();
    Map<String, List<String>> types = emitted.types();

    Map<String, List<String>> undocumented = new TreeMap<>(types);
    undocumented.keySet().removeAll(documented);
    if (!undocumented.isEmpty()) {
      failures.add(
          "emitted by the code but not documented in "
              + DOC
              + " (add a section \"### `slug`\" and a row of \"All types\"): "
              + undocumented);
    }
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(types.keySet());
    if (!stale.isEmpty()) {
      failures.add(
          "documented in " + DOC + " but emitted nowhere in " + MODULES + " (remove it): " + stale);
    }

    sections.forEach(
        (slug, text) -> {
          if (!text.contains(TYPE_BASE + slug)) {
            failures.add(DOC + ": the section of " + slug + " lacks its URI " + TYPE_BASE + slug);
          }
        });

    Set<String> table = new TreeSet<>();
    Matcher row = TABLE_ROW.matcher(doc);
    while (row.find()) {
      table.add(row.group(1));
    }
    Set<String> notInTable = new TreeSet<>(documented);
    notInTable.removeAll(table);
    if (!notInTable.isEmpty()) {
      failures.add(DOC + ": sections missing from the table \"All types\": " + notInTable);
    }
    Set<String> onlyInTable = new TreeSet<>(table);
    onlyInTable.removeAll(documented);
    if (!onlyInTable.isEmpty()) {
      failures.add(DOC + ": rows of \"All types\" without a section: " + onlyInTable);
    }

    Set<String> unknownUris = new TreeSet<>();
    Matcher uri = URI.matcher(doc);
    while (uri.find()) {
      // The bare base (followed by a placeholder such as <slug>) names no type.
      if (!uri.group(1).isEmpty() && !types.containsKey(uri.group(1))) {
        unknownUris.add(TYPE_BASE + uri.group(1));
      }
    }
    if (!unknownUris.isEmpty()) {
      failures.add(DOC + " mentions types the code does not emit (an example?): " + unknownUris);
    }
    return failures;
  }

  /** The sections of the page, {@code ### `slug`}, each with its text up to the next heading. */
  static Map<String, String> sections(String doc) {
    Map<String, String> sections = new TreeMap<>();
    Matcher heading = SECTION.matcher(doc);
    while (heading.find()) {
      int end = doc.length();
      Matcher next = Pattern.compile("(?m)^#{1,3} ").matcher(doc);
      if (next.find(heading.end())) {
        end = next.start();
      }
      sections.put(heading.group(1), doc.substring(heading.end(), end));
    }
    return sections;
  }

  // --- the code
  // -------------------------------------------------------------------------------------------------

  /** The main sources and resources of platform and the three services. */
  static List<Source> sources() {
    List<Source> sources = new ArrayList<>();
    for (String module : MODULES) {
      for (String dir : List.of("src/main/java", "src/main/resources")) {
        Path root = Repo.ROOT.resolve(module).resolve(dir);
        if (!Files.isDirectory(root)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            if (isText(file)) {
              sources.add(
                  new Source(
                      Repo.ROOT.relativize(file).toString().replace('\\', '/'),
                      Files.readString(file)));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    assertThat(sources).as("main sources of " + MODULES).isNotEmpty();
    return sources;
  }

  private static boolean isText(Path file) {
    String name = file.getFileName().toString();
    return Stream.of(".java", ".yaml", ".yml", ".json", ".properties", ".html", ".txt", ".md")
        .anyMatch(name::endsWith);
  }

  static Emitted emitted(List<Source> sources) {
    Map<String, List<String>> types = new TreeMap<>();
    List<String> unreadable = new ArrayList<>();
    for (Source source : sources) {
      boolean java = source.path().endsWith(".java");
      String text = java ? withoutComments(source.text()) : source.text();

      Matcher uri = URI.matcher(text);
      while (uri.find()) {
        String slug = uri.group(1);
        if (slug.isEmpty()) {
          continue; // the base itself, as in Problem.TYPE_BASE
        }
        String where = source.path() + ":" + line(text, uri.start());
        if (SLUG.matcher(slug).matches()) {
          types.computeIfAbsent(slug, s -> new ArrayList<>()).add(where);
        } else {
          unreadable.add(where + " (" + TYPE_BASE + slug + ")");
        }
      }
      if (!java) {
        continue;
      }

      List<Integer> calls = new ArrayList<>();
      Matcher construction = CONSTRUCTION.matcher(text);
      while (construction.find()) {
        calls.add(construction.end());
      }
      if (text.contains("extends ProblemException")) {
        Matcher call = SUPER_CALL.matcher(text);
        while (call.find()) {
          calls.add(call.end());
        }
      }
      for (int open : calls) {
        String where = source.path() + ":" + line(text, open);
        List<String> arguments = arguments(text, open);
        String slug = arguments.size() > 1 ? arguments.get(1).strip() : "";
        List<String> slugs = slugs(text, slug);
        if (slugs.isEmpty()) {
          unreadable.add(where + " (" + (slug.isEmpty() ? "no slug argument" : slug) + ")");
        }
        for (String s : slugs) {
          types.computeIfAbsent(s, k -> new ArrayList<>()).add(where);
        }
      }

      if (!source.path().endsWith("/problem/Problem.java")
          && !source.path().endsWith("/problem/ProblemException.java")) {
        Matcher other = OTHER_BUILDERS.matcher(text);
        while (other.find()) {
          unreadable.add(
              source.path() + ":" + line(text, other.start()) + " (" + other.group() + ")");
        }
      }
    }
    return new Emitted(types, unreadable);
  }

  /**
   * The slugs an argument stands for: a string literal, or a local String variable whose
   * initialiser holds only slug literals (a switch over the status). Empty when it is neither.
   */
  private static List<String> slugs(String text, String argument) {
    if (isLiteral(argument)) {
      String value = argument.substring(1, argument.length() - 1);
      return SLUG.matcher(value).matches() ? List.of(value) : List.of();
    }
    if (!IDENTIFIER.matcher(argument).matches()) {
      return List.of();
    }
    Matcher declaration =
        Pattern.compile("\\b(?:String|var)\\s+" + Pattern.quote(argument) + "\\s*=").matcher(text);
    List<String> slugs = new ArrayList<>();
    while (declaration.find()) {
      List<String> literals = literals(initialiser(text, declaration.end()));
      if (literals.isEmpty() || !literals.stream().allMatch(l -> SLUG.matcher(l).matches())) {
        return List.of();
      }
      slugs.addAll(literals);
    }
    return slugs;
  }

  private static boolean isLiteral(String s) {
    return s.length() >= 2
        && s.startsWith("\"")
        && s.endsWith("\"")
        && !s.startsWith("\"\"\"")
        && literals(s).size() == 1;
  }

  // --- a little Java lexing: comments, literals, arguments
  // ------------------------------------------------------

  /** The text with comments blanked out (line breaks kept, so line numbers stay right). */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
      } else if (text.startsWith("//", i)) {
        while (i < n && text.charAt(i) != '\n') {
          out.setCharAt(i++, ' ');
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (; i < end; i++) {
          if (text.charAt(i) != '\n') {
            out.setCharAt(i, ' ');
          }
        }
      } else {
        i++;
      }
    }
    return out.toString();
  }

  /** The index just after the string, text block or char literal starting at {@code start}. */
  private static int skipLiteral(String text, int start) {
    int n = text.length();
    if (text.startsWith("\"\"\"", start)) {
      int i = start + 3;
      while (i < n && !text.startsWith("\"\"\"", i)) {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return Math.min(n, i + 3);
    }
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < n && text.charAt(i) != quote && text.charAt(i) != '\n') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(n, i + 1);
  }

  /** The contents of the ordinary string literals in a piece of code. */
  private static List<String> literals(String code) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        int end = skipLiteral(code, i);
        if (c == '"' && !code.startsWith("\"\"\"", i)) {
          literals.add(code.substring(i + 1, Math.max(i + 1, end - 1)));
        }
        i = end;
      } else {
        i++;
      }
    }
    return literals;
  }

  /** The top-level arguments of the call whose opening parenthesis ends at {@code open}. */
  private static List<String> arguments(String text, int open) {
    List<String> arguments = new ArrayList<>();
    int depth = 0;
    int start = open;
    int i = open;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          arguments.add(text.substring(start, i));
          return arguments;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        arguments.add(text.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    return arguments;
  }

  /** The initialiser from {@code from} up to the semicolon that ends its statement. */
  private static String initialiser(String text, int from) {
    int depth = 0;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ';' && depth <= 0) {
        return text.substring(from, i);
      }
      i++;
    }
    return text.substring(from);
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
