package news.ticker.devstack.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints RS256 JWTs as MicroProfile JWT expects them ({@code iss}, {@code sub}, {@code upn}, {@code
 * groups}, {@code iat}, {@code exp}, {@code jti}), built by hand with the JDK: {@code
 * base64url(header) . base64url(claims) . base64url(SHA256withRSA signature)}. Serves the tests
 * ({@code TestTokens}) and {@code ./ticker token} alike.
 */
public final class TokenMinter {

  /** Lifetime of a token unless said otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = encode(Map.of("alg", "RS256", "typ", "JWT"));

  private final PrivateKey signingKey;
  private final String issuer;
  private final Clock clock;

  public TokenMinter(PrivateKey signingKey, String issuer) {
    this(signingKey, issuer, Clock.systemUTC());
  }

  public TokenMinter(PrivateKey signingKey, String issuer, Clock clock) {
    this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token for {@code subject} with these groups (roles), valid for {@link #DEFAULT_TTL}. */
  public String mint(String subject, Collection<String> groups) {
    return token().subject(subject).groups(groups).sign();
  }

  /** A token to shape before signing (other lifetime, issuer, extra claims). */
  public Token token() {
    return new Token();
  }

  public String issuer() {
    return issuer;
  }

  private static String encode(Map<String, Object> json) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("claims are not serialisable to JSON", e);
    }
  }

  /** One token being built; {@link #sign()} produces the compact JWS. */
  public final class Token {
    private String subject;
    private List<String> groups = List.of();
    private String tokenIssuer = issuer;
    private Instant issuedAt;
    private Instant expiresAt;
    private Duration ttl = DEFAULT_TTL;
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();

    private Token() {}

    /** {@code sub} and {@code upn} (MicroProfile JWT's principal name). */
    public Token subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** {@code groups}: the roles. */
    public Token groups(Collection<String> groups) {
      this.groups = List.copyOf(groups);
      return this;
    }

    public Token groups(String... groups) {
      return groups(List.of(groups));
    }

    /** Another {@code iss} than the minter's (negative tests). */
    public Token issuer(String issuer) {
      this.tokenIssuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** {@code iat}; default: now. */
    public Token issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** {@code exp}; default: {@code iat} plus the TTL. */
    public Token expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Token ttl(Duration ttl) {
      this.ttl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /** Any further claim; must serialise to JSON. */
    public Token claim(String name, Object value) {
      extraClaims.put(name, value);
      return this;
    }

    public String sign() {
      if (subject == null) {
        throw new IllegalStateException("a token needs a subject");
      }
      Instant iat = issuedAt != null ? issuedAt : clock.instant();
      Instant exp = expiresAt != null ? expiresAt : iat.plus(ttl);
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("iss", tokenIssuer);
      claims.put("sub", subject);
      claims.put("upn", subject);
      claims.put("groups", new ArrayList<>(groups));
      claims.put("iat", iat.getEpochSecond());
      claims.put("exp", exp.getEpochSecond());
      claims.put("jti", UUID.randomUUID().toString());
      claims.putAll(extraClaims);
      String signingInput = HEADER + "." + encode(claims);
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signingKey);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign the token", e);
      }
    }
  }
}
