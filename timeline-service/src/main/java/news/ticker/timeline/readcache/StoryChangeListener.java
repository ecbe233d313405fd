package news.ticker.timeline.readcache;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import news.ticker.platform.db.DatabaseLogin;
import news.ticker.timeline.TimelineConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's ear on PostgreSQL: {@code LISTEN ticker_story_changed}, which triggers on {@code
 * story_view} and on the hold of {@code story_progress} notify after each commit that changes what
 * readers of a story see (migration V3), whichever replica or service committed it. Each
 * notification forgets the story in the {@link ReadCache}.
 *
 * <p>The cache is only used while the listening connection stands: it is switched on (and emptied)
 * once {@code LISTEN} took effect, and off (and emptied) the moment the connection is lost, since
 * notifications are not queued for a session that is gone. A new connection is then tried after
 * {@code ticker.timeline.read-cache.reconnect-delay}.
 */
@ApplicationScoped
public class StoryChangeListener {

  /** The notification channel of the triggers; the payload is {@code generation:storyId}. */
  public static final String CHANNEL = "ticker_story_changed";

  private static final Logger LOG = Logger.getLogger(StoryChangeListener.class);

  @Inject Vertx vertx;
  @Inject Validators validators;
  @Inject TimelineConfig config;

  @ConfigProperty(name = "quarkus.datasource.reactive.url")
  String url;

  @Inject DatabaseLogin login;

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
    validators.cache().listening(false);
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
                validators.cache().listening(true);
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
    validators.cache().listening(false);
    if (running) {
      LOG.warnf(
          "not listening to %s (%s): reads go to the database until it is back", CHANNEL, why);
      vertx.setTimer(config.readCache().reconnectDelay().toMillis(), ignored -> connect());
    }
  }

  private void changed(String payload) {
    int colon = payload.indexOf(':');
    try {
      int generation = Integer.parseInt(payload.substring(0, colon));
      UUID storyId = UUID.fromString(payload.substring(colon + 1));
      validators.cache().changed(generation, storyId);
    } catch (RuntimeException e) {
      LOG.warnf("unreadable %s notification %s: forgetting everything", CHANNEL, payload);
      validators.cache().clear();
    }
  }
}
