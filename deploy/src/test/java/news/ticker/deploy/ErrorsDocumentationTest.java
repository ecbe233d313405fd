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
 * <p>Every type, its status and its one title are defined once, in platform's {@code ProblemType};
 * the section of each type must give that status and that title, and no other title. The types the
 * code emits are read from the main sources of {@code platform} and the three services, as the code
 * spells them: the type (first argument, {@code ProblemType.X}) of every {@code new
 * ProblemException(...)} (the factories, the mappers, the HTTP edge and every type a service makes
 * itself), resolved through a local variable when it is one (the REST layer's status switch in
 * {@code ProblemMappers}), and every literal {@code https://ticker.news/problems/<slug>} (OpenAPI
 * examples, resources); an example that gives a {@code "title"} must give the type's. A
 * construction the test cannot read (a type from a method call, a constant {@code ProblemType}
 * lacks, a {@code Problem} built without {@code ProblemException}) fails too, naming where it is,
 * rather than slipping through.
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
  private static final Pattern TYPE_CONSTANT =
      Pattern.compile(
          "(?m)^\\s*([A-Z][A-Z0-9_]*)\\(\\s*(\\d{3}),\\s*\"([^\"]*)\",\\s*\"([^\"]*)\"\\)");
  private static final Pattern TYPE_REFERENCE =
      Pattern.compile("\\bProblemType\\.([A-Z][A-Z0-9_]*)");
  private static final Pattern TITLE = Pattern.compile("title `([^`]*)`");
  private static final Pattern STATUS = Pattern.compile("\\*\\*(\\d{3})\\*\\*");
  private static final Pattern EXAMPLE_TITLE =
      Pattern.compile(
          Pattern.quote(TYPE_BASE) + "([a-z0-9-]+)\",\\\\?\\s*\"title\"\\s*:\\s*\"([^\"]*)\"");
  static final String PROBLEM_TYPE = "/problem/ProblemType.java";

  /** A constant of {@code ProblemType}: its status, slug and title. */
  record Type(int status, String slug, String title) {}

  /** A file of the code: its path in the repository and its text. */
  record Source(String path, String text) {}

  /** A problem document written out in the code (an OpenAPI example): its type, title and place. */
  record Example(String slug, String title, String where) {}

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
    assertThat(examples(sources()))
        .as("problem documents written out as OpenAPI examples")
        .extracting(Example::slug)
        .contains("conflict", "invalid");
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
                  // new ProblemException(ProblemType.IN_A_COMMENT, ...) is no type
                  Object documented = ProblemException.conflict("d");
                  Object conflict = new ProblemException(ProblemType.CONFLICT, "d", List.of(), Map.of());
                  Object fresh =
                      new ProblemException(
                          ProblemType.BRAND_NEW, "d", List.of(), Map.of("Retry-After", "1"));
                  Object chosen() {
                    ProblemType type =
                        switch (status) { case 404 -> ProblemType.FROM_A_SWITCH; default -> ProblemType.CONFLICT; };
                    return new ProblemException(type, status, "d", List.of(), Map.of());
                  }
                  Object unreadable = new ProblemException(typeOf(e), "d", List.of(), Map.of());
                  Object typed = new ProblemException(ProblemType.GONE_BY_TYPE, "d", List.of(), Map.of());
                  Object unknown = new ProblemException(ProblemType.NEVER_DEFINED, "d", List.of(), Map.of());
                  String example = \"""
                      {"type":"https://ticker.news/problems/conflict",\\
                      "title":"Conflict","status":409}\""";
                }
                """),
            new Source(
                "x-service/src/main/java/news/problem/ProblemType.java",
                """
                enum ProblemType {
                  CONFLICT(409, "conflict", "The current state forbids this"),
                  BRAND_NEW(429, "brand-new", "Brand new"),
                  GONE_BY_TYPE(410, "gone-by-type", "Gone"),
                  FROM_A_SWITCH(404, "from-a-switch", "Not here");
                }
                """));
    String doc =
        """
        ## All types
        | [`conflict`](#conflict) | 409 |
        | [`gone`](#gone) | 410 |

        ### `conflict`
        `https://ticker.news/problems/conflict` · **409** · title `The current state forbids this`
        (from elsewhere: title `Another wording`)

        ### `gone`
        `https://ticker.news/problems/gone` · 410

        ### `from-a-switch`
        no URI here; see `https://ticker.news/problems/never-was`
        """;

    Emitted emitted = emitted(code);
    assertThat(emitted.types().keySet())
        .containsExactlyInAnyOrder("conflict", "brand-new", "from-a-switch", "gone-by-type");
    assertThat(emitted.types().get("brand-new"))
        .containsExactly("x-service/src/main/java/X.java:6");

    String failures = String.join("\n", check(code, doc));
    assertThat(failures)
        .contains("not documented", "brand-new", "X.java:6")
        .contains("emitted nowhere", "gone")
        .contains("typeOf(e)", "X.java:13")
        .contains("ProblemType.NEVER_DEFINED", "X.java:15")
        .contains("example", "conflict", "Conflict", "X.java:17")
        .contains("from-a-switch", "lacks its URI")
        .contains("missing from the table", "from-a-switch")
        .contains("conflict", "more than one title", "Another wording")
        .contains("gone-by-type", "not documented")
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
              + ": name the type as ProblemType.X (or a local ProblemType variable of such"
              + " constants) in new ProblemException(type, ...), or teach this test the new"
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

    Map<String, Type> defined = types(code);
    Set<String> undefined = new TreeSet<>(defined.keySet());
    undefined.removeAll(documented);
    if (!undefined.isEmpty()) {
      failures.add("defined in ProblemType but not documented in " + DOC + ": " + undefined);
    }
    for (Example example : examples(code)) {
      Type type = defined.get(example.slug());
      if (type != null && !type.title().equals(example.title())) {
        failures.add(
            "the example at "
                + example.where()
                + " gives "
                + example.slug()
                + " the title \""
                + example.title()
                + "\", not its own \""
                + type.title()
                + "\" (ProblemType)");
      }
    }
    sections.forEach(
        (slug, text) -> {
          if (!text.contains(TYPE_BASE + slug)) {
            failures.add(DOC + ": the section of " + slug + " lacks its URI " + TYPE_BASE + slug);
          }
          Type type = defined.get(slug);
          if (type != null) {
            failures.addAll(titleAndStatus(type, text));
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

  /**
   * What is wrong with how a section states its type's status and title: one type has one title,
   * the one {@code ProblemType} gives it, and the section names no other.
   */
  static List<String> titleAndStatus(Type type, String section) {
    List<String> failures = new ArrayList<>();
    Set<String> titles = new TreeSet<>();
    Matcher title = TITLE.matcher(section);
    while (title.find()) {
      titles.add(title.group(1));
    }
    if (titles.size() > 1) {
      failures.add(
          DOC + ": the section of " + type.slug() + " gives more than one title: " + titles);
    }
    if (!titles.contains(type.title())) {
      failures.add(
          DOC
              + ": the section of "
              + type.slug()
              + " must give its title as title `"
              + type.title()
              + "` (ProblemType), not "
              + titles);
    }
    Matcher status = STATUS.matcher(section);
    if (!status.find() || Integer.parseInt(status.group(1)) != type.status()) {
      failures.add(
          DOC
              + ": the section of "
              + type.slug()
              + " must give its status **"
              + type.status()
              + "**");
    }
    return failures;
  }

  /** The constants of {@code ProblemType} by slug, read from its source. */
  static Map<String, Type> types(List<Source> code) {
    Map<String, Type> types = new TreeMap<>();
    for (Source source : code) {
      if (source.path().endsWith(PROBLEM_TYPE)) {
        Matcher constant = TYPE_CONSTANT.matcher(withoutComments(source.text()));
        while (constant.find()) {
          types.put(
              constant.group(3),
              new Type(Integer.parseInt(constant.group(2)), constant.group(3), constant.group(4)));
        }
      }
    }
    return types;
  }

  /** The problem documents written out in the code that give a title. */
  static List<Example> examples(List<Source> code) {
    List<Example> examples = new ArrayList<>();
    for (Source source : code) {
      Matcher example = EXAMPLE_TITLE.matcher(source.text());
      while (example.find()) {
        examples.add(
            new Example(
                example.group(1),
                example.group(2),
                source.path() + ":" + line(source.text(), example.start())));
      }
    }
    return examples;
  }

  /** The slugs of {@code ProblemType}'s constants by constant name. */
  private static Map<String, String> slugsByConstant(List<Source> code) {
    Map<String, String> slugs = new TreeMap<>();
    for (Source source : code) {
      if (source.path().endsWith(PROBLEM_TYPE)) {
        Matcher constant = TYPE_CONSTANT.matcher(withoutComments(source.text()));
        while (constant.find()) {
          slugs.put(constant.group(1), constant.group(3));
        }
      }
    }
    return slugs;
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
    Map<String, String> constants = slugsByConstant(sources);
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
        String type = arguments.isEmpty() ? "" : arguments.get(0).strip();
        List<String> slugs = typeSlugs(text, type, constants);
        if (slugs.isEmpty()) {
          unreadable.add(where + " (" + (type.isEmpty() ? "no type argument" : type) + ")");
        }
        for (String s : slugs) {
          types.computeIfAbsent(s, k -> new ArrayList<>()).add(where);
        }
      }

      if (!source.path().endsWith("/problem/Problem.java")
          && !source.path().endsWith("/problem/ProblemException.java")
          && !source.path().endsWith(PROBLEM_TYPE)) {
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
   * The slugs a type argument stands for: {@code ProblemType.X}, or a local variable whose
   * initialiser holds only such constants (a switch over the status). Empty when it is neither.
   */
  private static List<String> typeSlugs(
      String text, String argument, Map<String, String> constants) {
    List<String> references = new ArrayList<>();
    if (TYPE_REFERENCE.matcher(argument).matches()) {
      references.add(argument);
    } else if (IDENTIFIER.matcher(argument).matches()) {
      Matcher declaration =
          Pattern.compile("\\bProblemType\\s+" + Pattern.quote(argument) + "\\s*=").matcher(text);
      while (declaration.find()) {
        references.add(initialiser(text, declaration.end()));
      }
    }
    List<String> slugs = new ArrayList<>();
    for (String reference : references) {
      Matcher constant = TYPE_REFERENCE.matcher(reference);
      while (constant.find()) {
        String slug = constants.get(constant.group(1));
        if (slug == null) {
          return List.of();
        }
        slugs.add(slug);
      }
    }
    return slugs;
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
