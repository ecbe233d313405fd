package news.ticker.timeline.readcache;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This replica's memory of current reads: per story, the {@link Validator} the database last showed
 * and a few rendered pages (the header and first feed pages) made under it. Thread-safe, and pure:
 * it reads nothing itself.
 *
 * <p>The rule that keeps it from ever answering with something the database no longer holds:
 *
 * <ol>
 *   <li>A reader takes a ticket ({@link #begin}) <em>before</em> it reads the database, and hands
 *       what it read back with that ticket ({@link #learn}, {@link #keep}).
 *   <li>Every committed change of a story ({@link #changed}, driven by PostgreSQL's {@code NOTIFY},
 *       which is delivered after the commit) throws the story's entry out and starts a new ticket.
 *   <li>What is handed back with an older ticket is dropped: it may have been read before the
 *       change committed.
 * </ol>
 *
 * So an entry only ever holds what was read after the last change this replica heard of; it is
 * never newer than the database, since it was read from it. While the replica does not listen
 * (starting, or its listening connection lost) the cache holds nothing and takes no tickets:
 * changes it cannot hear of could be missed. {@link #listening} turns it on and off; either way
 * everything is forgotten. A switch of the active generation forgets everything too.
 */
public final class ReadCache {

  /** A rendered current read, with the tag it was rendered under. */
  public record Page(String tag, String mediaType, byte[] body) {}

  /** The ticket of a read that may not be remembered. */
  public static final long NO_TICKET = -1;

  private record Key(int generation, UUID storyId) {}

  private record Slot(long ticket, Validator validator, Map<String, Page> pages) {
    long bytes() {
      long sum = 0;
      for (Page page : pages.values()) {
        sum += page.body().length;
      }
      return sum;
    }
  }

  private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final long maxBytes;
  private volatile boolean listening;
  private volatile int generation = Integer.MIN_VALUE;

  /**
   * @param maxBytes how many bytes of rendered pages this replica may hold; validators are small
   *     and bounded by the number of stories read
   */
  public ReadCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Whether this replica hears of every change. Either way, everything remembered is forgotten: on
   * while changes were not heard of, off because they will not be.
   */
  public void listening(boolean on) {
    listening = false;
    clear();
    listening = on;
  }

  public boolean isListening() {
    return listening;
  }

  /**
   * The ticket for a read of the story that starts now, before the database is read; {@link
   * #NO_TICKET} while nothing may be remembered.
   */
  public long begin(int activeGeneration, UUID storyId) {
    if (!current(activeGeneration)) {
      return NO_TICKET;
    }
    return slots
        .computeIfAbsent(
            new Key(activeGeneration, storyId),
            k -> new Slot(clock.incrementAndGet(), null, Map.of()))
        .ticket();
  }

  /** The story's validator, if one was read since its last change. */
  public Optional<Validator> validator(int activeGeneration, UUID storyId) {
    if (!current(activeGeneration)) {
      return Optional.empty();
    }
    Slot slot = slots.get(new Key(activeGeneration, storyId));
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.validator());
  }

  /** A page of the story rendered under its current validator, if one is kept. */
  public Optional<Page> page(int activeGeneration, UUID storyId, String variant) {
    if (!current(activeGeneration)) {
      return Optional.empty();
    }
    Slot slot = slots.get(new Key(activeGeneration, storyId));
    if (slot == null || slot.validator() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(slot.pages().get(variant));
  }

  /** Remembers what a read with {@code ticket} found, unless the story changed since. */
  public void learn(UUID storyId, long ticket, Validator validator) {
    if (ticket == NO_TICKET) {
      return;
    }
    slots.computeIfPresent(
        new Key(validator.generation(), storyId),
        (key, slot) -> {
          if (slot.ticket() != ticket) {
            return slot;
          }
          if (slot.validator() == null) {
            return new Slot(ticket, validator, Map.of());
          }
          if (slot.validator().equals(validator) || !validator.atLeast(slot.validator())) {
            return slot;
          }
          bytes.addAndGet(-slot.bytes());
          return new Slot(ticket, validator, Map.of());
        });
  }

  /**
   * Keeps a page rendered by a read with {@code ticket}, if the story did not change since, the
   * page's tag is the one of the validator remembered for it, and the byte budget allows.
   */
  public void keep(UUID storyId, long ticket, Validator validator, String variant, Page page) {
    if (ticket == NO_TICKET || !page.tag().equals(validator.tag(variant))) {
      return;
    }
    slots.computeIfPresent(
        new Key(validator.generation(), storyId),
        (key, slot) -> {
          if (slot.ticket() != ticket
              || !validator.equals(slot.validator())
              || slot.pages().containsKey(variant)) {
            return slot;
          }
          long size = page.body().length;
          if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            return slot;
          }
          Map<String, Page> pages = new HashMap<>(slot.pages());
          pages.put(variant, page);
          return new Slot(ticket, slot.validator(), Map.copyOf(pages));
        });
  }

  /** A change of the story committed: forget it, and refuse what reads begun before bring back. */
  public void changed(int generation, UUID storyId) {
    slots.computeIfPresent(
        new Key(generation, storyId),
        (key, slot) -> {
          bytes.addAndGet(-slot.bytes());
          return new Slot(clock.incrementAndGet(), null, Map.of());
        });
  }

  /** Forgets everything; reads in flight cannot bring anything back. */
  public void clear() {
    for (Key key : slots.keySet()) {
      slots.computeIfPresent(
          key,
          (k, slot) -> {
            bytes.addAndGet(-slot.bytes());
            return null;
          });
    }
  }

  /** Bytes of rendered pages held now. */
  public long bytes() {
    return bytes.get();
  }

  /** Stories with an entry now. */
  public int stories() {
    return slots.size();
  }

  private boolean current(int activeGeneration) {
    if (!listening) {
      return false;
    }
    if (activeGeneration != generation) {
      synchronized (this) {
        if (activeGeneration != generation) {
          clear();
          generation = activeGeneration;
        }
      }
    }
    return true;
  }
}
