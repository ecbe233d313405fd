package news.ticker.platform.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Who issued a command: the token's subject, recorded as {@code actor} in every event. */
public final class Actor {

  private Actor() {}

  public static String of(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return "anonymous";
    }
    return identity.getPrincipal().getName();
  }
}
