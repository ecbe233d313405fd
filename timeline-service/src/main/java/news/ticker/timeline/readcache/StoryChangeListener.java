package news.ticker.timeline.readcache;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.platform.db.DatabaseLogin;
import news.ticker.timeline.TimelineConfig;
import news.ticker.timeline.changes.ChangeLogNotice;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's ear on PostgreSQL: {@code LISTEN ticker_story_changed}, which triggers on {@code
 * story_view} and on the hold of {@code story_progress} notify after each commit that changes what
 * readers of a story see (migration V3), whichever replica or service committed it. Each
 * notification forgets the story in the {@link ReadCache}. A notification with a version (the
 * trigger on {@code story_change}, migration V4) says that a stored change was rewritten in place,
 * which a redaction does; it is passed on as a {@link ChangeLogNotice} to what keeps stored changes
 * in memory, and so is every start and loss of listening.
 *
 * <p>The cache is only used while the listening connection stands: it is switched on (and emptied)
 * once {@code LISTEN} took effect, and off (and emptied) the moment the connection is lost, since
 * notifications are not queued for a session that is gone. A new connection is then tried after
 * {@code ticker.timeline.read-cache.reconnect-delay}.
 */
@ApplicationScoped
public class StoryChangeListener {

  /**
   * The notification channel of the triggers; the payload is {@code generation:storyId}, or {@code
   * generation:storyId:version} for a stored change rewritten in place.
   */
  public static final String CHANNEL = "ticker_story_changed";

  private static final Logger LOG = Logger.getLogger(StoryChangeListener.class);

  @Inject Vertx vertx;
  @Inject Validators validators;
  @Inject TimelineConfig config;

  @ConfigProperty(name = "quarkus.datasource.reactive.url")
  String url;

  @Inject DatabaseLogin login;
  @Inject Event<ChangeLogNotice> notices;

  private final AtomicInteger attempt = new AtomicInteger();
  private volatile boolean running;
  private volatile PgSubscriber subscriber;

  void start(@Observes StartupEvent event) {
    if (!config.readCache().enabled()) {
      LOG.info("read cache disabled: every current read goes to the database");
      return;
    }
    running = true;
    connect();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    listening(false);
    PgSubscriber current = subscriber;
    if (current != null) {
      current.close();
    }
  }

  private void connect() {
    if (!running) {
      return;
    }
    int mine = attempt.incrementAndGet();
    String uri = url.replaceFirst("^vertx-reactive:", "");
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    if (!namesUser(uri)) {
      // As Quarkus does: credentials come from the datasource settings unless the URL has them.
      options.setUser(login.username()).setPassword(login.password());
    }
    PgSubscriber next = PgSubscriber.subscriber(vertx, options);
    // Reconnects are this class's own (a fresh subscriber each time), so that every lost
    // connection is seen here and switches the cache off.
    next.reconnectPolicy(retries -> -1L);
    next.channel(CHANNEL)
        .handler(this::changed)
        .subscribeHandler(
            ignored -> {
              if (attempt.get() == mine && running) {
                listening(true);
                LOG.debugf("listening to %s", CHANNEL);
              }
            });
    next.closeHandler(ignored -> lost(mine, "connection closed"));
    subscriber = next;
    next.connect().onFailure(failure -> lost(mine, failure.toString()));
  }

  /** Whether a {@code postgresql://user[:password]@host/...} URL carries the user itself. */
  static boolean namesUser(String uri) {
    int start = uri.indexOf("://");
    String rest = start < 0 ? uri : uri.substring(start + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    return authority.contains("@");
  }

  private void lost(int which, String why) {
    if (!attempt.compareAndSet(which, which + 1)) {
      return; // an older subscriber, or this loss was already handled
    }
    listening(false);
    if (running) {
      LOG.warnf(
          "not listening to %s (%s): reads go to the database until it is back", CHANNEL, why);
      vertx.setTimer(config.readCache().reconnectDelay().toMillis(), ignored -> connect());
    }
  }

  private void listening(boolean on) {
    validators.cache().listening(on);
    notices.fire(new ChangeLogNotice.Listening(on));
  }

  private void changed(String payload) {
    int colon = payload.indexOf(':');
    int second = colon < 0 ? -1 : payload.indexOf(':', colon + 1);
    int generation;
    UUID storyId;
    long rewritten;
    try {
      generation = Integer.parseInt(payload.substring(0, colon));
      storyId =
          UUID.fromString(payload.substring(colon + 1, second < 0 ? payload.length() : second));
      rewritten = second < 0 ? -1 : Long.parseLong(payload.substring(second + 1));
    } catch (RuntimeException e) {
      LOG.warnf("unreadable %s notification %s: forgetting everything", CHANNEL, payload);
      validators.cache().clear();
      notices.fire(new ChangeLogNotice.Listening(validators.cache().isListening()));
      return;
    }
    validators.cache().changed(generation, storyId);
    if (rewritten >= 0) {
      notices.fire(new ChangeLogNotice.Rewritten(generation, storyId, rewritten));
    }
  }
}
