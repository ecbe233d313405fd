package news.ticker.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import news.ticker.bench.http.Http;
import news.ticker.bench.kafka.Payloads;

/** The calls the bench makes: the newsroom API of ingest and the public reads of the timeline. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  private Api() {}

  /** A story just opened. */
  record Opened(String storyId, long version) {}

  static Map<String, String> jsonHeaders(String token) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("Accept", "application/json");
    if (token != null) {
      h.put("Authorization", "Bearer " + token);
    }
    return h;
  }

  static ObjectNode storyRequest(String title, String slug) {
    ObjectNode o = JSON.createObjectNode();
    o.put("title", title);
    o.put("slug", slug);
    o.put("section", "Bench");
    o.put("language", "en");
    o.put("summary", "A story opened by ./ticker bench.");
    o.putArray("tags").add("bench");
    return o;
  }

  static Future<Http.Reply> openStory(HttpClient ingest, String token, String title, String slug) {
    return Http.send(
        ingest,
        HttpMethod.POST,
        "/api/v1/stories",
        jsonHeaders(token),
        Buffer.buffer(storyRequest(title, slug).toString()),
        30_000);
  }

  /** Opens a story and waits for the answer; throws with the status when it is refused. */
  static Opened openStoryAndWait(HttpClient ingest, String token, String title, String slug) {
    Http.Reply r = Http.await(openStory(ingest, token, title, slug), 60_000);
    if (r.status() != 201 && r.status() != 200) {
      throw new IllegalStateException(
          "POST /api/v1/stories answered " + r.status() + ": " + abbreviate(r.text()));
    }
    JsonNode body = parse(r);
    String id = body == null ? null : body.path("id").asText(null);
    if (id == null) {
      String location = r.header("Location");
      id = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }
    return new Opened(id, version(r));
  }

  /** Retries of writes answered 409 or 503 (the stream kept changing, or busy), over all writes. */
  static final java.util.concurrent.atomic.LongAdder RETRIES =
      new java.util.concurrent.atomic.LongAdder();

  private static final int MAX_ATTEMPTS = 6;

  /**
   * Posts an update as a careful newsroom tool does: with an {@code Idempotency-Key}, retrying a
   * {@code 409} or {@code 503} after its {@code Retry-After} (at most 1 s, at most 5 retries). The
   * reply's latency runs from the first attempt to the last answer.
   */
  static Future<Http.Reply> postUpdate(
      HttpClient ingest, String token, String storyId, String json, long timeoutMillis) {
    Map<String, String> headers = jsonHeaders(token);
    headers.put("Idempotency-Key", UUID.randomUUID().toString());
    long start = System.nanoTime();
    return attempt(
            ingest,
            "/api/v1/stories/" + storyId + "/updates",
            headers,
            Buffer.buffer(json),
            timeoutMillis,
            1)
        .map(r -> new Http.Reply(r.status(), r.headers(), r.body(), start, r.endNanos()));
  }

  private static Future<Http.Reply> attempt(
      HttpClient client,
      String uri,
      Map<String, String> headers,
      Buffer body,
      long timeoutMillis,
      int attempt) {
    return Http.send(client, HttpMethod.POST, uri, headers, body, timeoutMillis)
        .compose(
            r -> {
              io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
              if ((r.status() == 409 || r.status() == 503)
                  && attempt < MAX_ATTEMPTS
                  && context != null) {
                RETRIES.increment();
                long pause = retryAfterMillis(r.header("Retry-After"), attempt);
                io.vertx.core.Promise<Http.Reply> next = io.vertx.core.Promise.promise();
                context
                    .owner()
                    .setTimer(
                        pause,
                        t ->
                            attempt(client, uri, headers, body, timeoutMillis, attempt + 1)
                                .onComplete(next));
                return next.future();
              }
              return Future.succeededFuture(r);
            });
  }

  /** Retry-After in seconds, capped at 1 s; without it a short growing pause. */
  static long retryAfterMillis(String retryAfter, int attempt) {
    if (retryAfter != null) {
      try {
        return Math.min(1000, Math.max(1, Long.parseLong(retryAfter.trim()) * 1000));
      } catch (NumberFormatException e) {
        // an HTTP date: fall through
      }
    }
    return Math.min(1000, 10L << Math.min(attempt, 6));
  }

  /**
   * {@code count} update requests, as JSON text, from a fixed seed: headline {@code "<prefix> i: "}
   * and {@code headlineWords} words, an HTML body of about {@code bodyChars} characters.
   */
  static List<String> updateBodies(
      long seed, int count, String prefix, int headlineWords, int bodyChars) {
    Random random = new Random(seed);
    List<String> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bodies.add(
          updateRequest(
                  prefix + " " + i + ": " + Payloads.words(random, headlineWords),
                  Payloads.htmlBody(random, bodyChars))
              .toString());
    }
    return bodies;
  }

  static ObjectNode updateRequest(String headline, String body) {
    ObjectNode o = JSON.createObjectNode();
    o.put("body", body);
    if (headline != null) {
      o.put("headline", headline);
    }
    o.putArray("authors").add("Bench Reporter");
    return o;
  }

  static Future<Http.Reply> get(HttpClient client, String uri, Map<String, String> headers) {
    return Http.send(client, HttpMethod.GET, uri, headers, null, 30_000);
  }

  /**
   * Waits until the timeline's header of the story shows at least {@code version} (with {@code
   * ?minVersion=}, repeated on 503), or the deadline passes. Answers the last reply.
   */
  static Http.Reply awaitProjected(
      HttpClient timeline, String storyId, long version, long deadlineNanos) {
    Http.Reply last = null;
    while (System.nanoTime() < deadlineNanos) {
      last =
          Http.await(
              get(
                  timeline,
                  "/api/v1/stories/" + storyId + "?minVersion=" + version,
                  Map.of("Accept", "application/json")),
              40_000);
      if (last.status() == 200 && version(last) >= version) {
        return last;
      }
      if (last.status() == 400) {
        // minVersion not understood: poll plainly
        last = Http.await(get(timeline, "/api/v1/stories/" + storyId, Map.of()), 40_000);
        if (last.status() == 200 && version(last) >= version) {
          return last;
        }
      }
      try {
        Thread.sleep(last.status() < 0 ? 500 : 50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
    }
    return last;
  }

  /**
   * The version of a reply: the leading digits of its ETag (ingest {@code "12"}, timeline {@code
   * "12-feed-20-…"}), else the body's {@code version}.
   */
  static long version(Http.Reply r) {
    long fromEtag = etagVersion(r.header("ETag"));
    if (fromEtag >= 0) {
      return fromEtag;
    }
    JsonNode body = parse(r);
    return body == null ? -1 : body.path("version").asLong(-1);
  }

  static long etagVersion(String etag) {
    if (etag == null) {
      return -1;
    }
    String t = etag.replace("W/", "").replace("\"", "").trim();
    int end = 0;
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 18) {
      return -1;
    }
    return Long.parseLong(t.substring(0, end));
  }

  static JsonNode parse(Http.Reply r) {
    if (r.body() == null || r.body().length() == 0) {
      return null;
    }
    try {
      return JSON.readTree(r.body().getBytes());
    } catch (IOException e) {
      return null;
    }
  }

  static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  static String slug(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
