package news.ticker.platform.security;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The newsroom roles. {@code admin} ⊇ {@code editor} ⊇ {@code reporter}; {@code analyst} writes
 * analyses only. Resources name the least role that may call them; {@link RoleHierarchyAugmentor}
 * grants the implied ones.
 */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String EDITOR = "editor";
  public static final String REPORTER = "reporter";
  public static final String ANALYST = "analyst";

  private Roles() {}

  /** The roles a token's groups stand for, with every role they imply. */
  public static Set<String> withImplied(Set<String> granted) {
    Set<String> roles = new LinkedHashSet<>(granted);
    if (roles.contains(ADMIN)) {
      roles.add(EDITOR);
    }
    if (roles.contains(EDITOR)) {
      roles.add(REPORTER);
    }
    return roles;
  }
}
