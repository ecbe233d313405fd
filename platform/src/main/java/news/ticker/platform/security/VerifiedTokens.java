package news.ticker.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens already verified, each until the earlier of its own expiry and {@code maxAge} after its
 * verification. The key is the whole compact token, signature included, so only the very string
 * that passed verification is found again. Bounded: when full of live entries, nothing new is
 * stored. Failures are never stored. Thread-safe; the clock is the caller's.
 *
 * @param <T> what a verification produced
 */
final class VerifiedTokens<T> {

  private record Entry<T>(T value, Instant validUntil) {}

  private final ConcurrentMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final Duration maxAge;

  VerifiedTokens(int maxEntries, Duration maxAge) {
    if (maxEntries < 0 || maxAge.isNegative()) {
      throw new IllegalArgumentException("maxEntries and maxAge must not be negative");
    }
    this.maxEntries = maxEntries;
    this.maxAge = maxAge;
  }

  /** The verification of {@code token} if it is still valid at {@code now}, else null. */
  T get(String token, Instant now) {
    Entry<T> entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (!now.isBefore(entry.validUntil())) {
      entries.remove(token, entry);
      return null;
    }
    return entry.value();
  }

  /**
   * Keeps a verification made at {@code now} of a token that expires at {@code expiresAt} (null:
   * the token names no expiry, so only {@code maxAge} bounds it).
   */
  void put(String token, T value, Instant expiresAt, Instant now) {
    Instant validUntil = now.plus(maxAge);
    if (expiresAt != null && expiresAt.isBefore(validUntil)) {
      validUntil = expiresAt;
    }
    if (!now.isBefore(validUntil)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.validUntil()));
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(token, new Entry<>(value, validUntil));
  }
}
