package news.ticker.timeline.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import news.ticker.events.EventDecodingException;
import news.ticker.events.EventEnvelope;
import news.ticker.events.StoryEvent;
import news.ticker.timeline.Json;
import news.ticker.timeline.changes.Change;
import news.ticker.timeline.changes.ChangeLog;
import news.ticker.timeline.contentkey.KeyRing;
import news.ticker.timeline.contentkey.MissingContentKeyException;
import news.ticker.timeline.projection.fold.Touched;
import news.ticker.timeline.projection.fold.ViewDiff;
import news.ticker.timeline.projection.fold.ViewFold;
import news.ticker.timeline.projection.fold.ViewRows.AnalysisRow;
import news.ticker.timeline.projection.fold.ViewRows.RelatedRow;
import news.ticker.timeline.projection.fold.ViewRows.RevisionRow;
import news.ticker.timeline.projection.fold.ViewRows.StoryRow;
import news.ticker.timeline.projection.fold.ViewRows.UpdateRow;
import news.ticker.timeline.projection.fold.ViewState;
import news.ticker.timeline.projection.ordering.StoryOrdering;
import news.ticker.timeline.readmodel.Generations;

/**
 * The live projection's fast path: the records of one poll, grouped by story, projected in one
 * transaction on the Vert.x PostgreSQL client with a bounded number of statements, whatever the
 * number of records: the shared generation lock, the progress rows (locked), the content keys
 * ({@code = any($1)}, share-locked so a destruction waits for this commit), the rows the batch
 * touches (locked, so a destruction's blanking waits too and is never overwritten), then one
 * multi-row statement per table.
 *
 * <p>Of each story it applies the versions that follow its progress without a gap, as long as their
 * keys are here and they need nothing but the fold. It stops at the first record that does not (a
 * held story, a gap, a missing key, a redaction, an analysis whose redaction must be looked up, a
 * record it cannot render) and hands that record and the story's later ones back, for the per-event
 * path ({@link StoryProjector}) to project in order after this commit. Duplicates are skipped.
 * {@link StoryOrdering} states the rule.
 */
@ApplicationScoped
public class BatchProjector {

  /** A story that is not held has nothing parked. */
  private static final java.util.NavigableSet<Long> NOTHING_PARKED = new java.util.TreeSet<>();

  @Inject Pool pool;

  /** One decoded record of the batch. */
  public record Item(EventEnvelope envelope, RawEvent raw, Object source) {
    StoryEvent event() {
      return (StoryEvent) envelope.data();
    }

    long version() {
      return envelope.streamVersion();
    }
  }

  /**
   * What the batch did to one story.
   *
   * @param storyId the story
   * @param before its applied version before
   * @param after its applied version after
   * @param applied the changes it applied, as the change log now has them
   * @param rest the story's records it left for the per-event path, in order
   */
  public record StoryResult(
      UUID storyId, long before, long after, List<ChangeLog.Entry> applied, List<Item> rest) {}

  /** The stories of a batch and the generation they were written to. */
  public record Result(int generation, List<StoryResult> stories) {}

  /**
   * Projects the records, grouped by story and in offset order within each story, into the active
   * generation.
   */
  public Uni<Result> project(Map<UUID, List<Item>> byStory) {
    return pool.withTransaction(connection -> new Run(connection, byStory, null).run());
  }

  /**
   * Projects the records into a generation that is not active yet: the rebuild's. Its only writer
   * is the rebuild, which switches it active after its last batch, so this takes no switch lock.
   */
  public Uni<Result> projectInto(int generation, Map<UUID, List<Item>> byStory) {
    return pool.withTransaction(connection -> new Run(connection, byStory, generation).run());
  }

  /** Whether the fold alone applies this event (no redaction to record, nothing to look up). */
  static boolean foldAlone(StoryEvent event) {
    return !(event instanceof StoryEvent.UpdateRedacted
        || event instanceof StoryEvent.AnalysisAttachmentRedacted
        || event instanceof StoryEvent.AnalysisAttached);
  }

  /** One transaction's work. */
  private static final class Run {
    private final SqlConnection connection;
    private final Map<UUID, List<Item>> byStory;
    private final UUID[] storyIds;
    private final Integer target;
    private int generation;
    private final Map<UUID, Long> applied = new HashMap<>();
    private final Set<UUID> held = new HashSet<>();
    private final Map<String, byte[]> keys = new HashMap<>();
    private final Set<String> destroyed = new HashSet<>();
    private final Map<UUID, Planned> planned = new LinkedHashMap<>();

    /** A story's changes to apply, and the records after them. */
    private record Planned(List<Change> changes, List<Item> rest) {}

    Run(SqlConnection connection, Map<UUID, List<Item>> byStory, Integer target) {
      this.connection = connection;
      this.byStory = byStory;
      this.target = target;
      this.storyIds = byStory.keySet().toArray(UUID[]::new);
      Arrays.sort(storyIds);
    }

    Uni<Result> run() {
      return lockGeneration().chain(this::progressAndKeys).chain(this::plan).chain(this::write);
    }

    private Uni<Void> lockGeneration() {
      if (target != null) {
        generation = target;
        return Uni.createFrom().voidItem();
      }
      Uni<RowSet<Row>> lock = connection.query(Generations.SHARED_LOCK_SQL).execute();
      Uni<RowSet<Row>> active = connection.query(Generations.ACTIVE_SQL).execute();
      return Uni.combine()
          .all()
          .unis(lock, active)
          .asTuple()
          .invoke(both -> generation = both.getItem2().iterator().next().getInteger(0))
          .replaceWithVoid();
    }

    private Uni<Void> progressAndKeys() {
      Set<String> keyIds = new LinkedHashSet<>();
      byStory.values().stream()
          .flatMap(List::stream)
          .map(item -> ChangeRenderer.contentKeyOf(item.event()))
          .filter(Objects::nonNull)
          .forEach(keyIds::add);
      String[] keyArray = keyIds.toArray(String[]::new);
      Uni<RowSet<Row>> created =
          connection
              .preparedQuery(
                  "insert into story_progress (generation, story_id)"
                      + " select $1, s from unnest($2::uuid[]) as s on conflict do nothing")
              .execute(Tuple.of(generation, storyIds));
      Uni<RowSet<Row>> progress =
          connection
              .preparedQuery(
                  "select story_id, applied_version, held_since is not null from story_progress"
                      + " where generation = $1 and story_id = any($2) order by story_id for update")
              .execute(Tuple.of(generation, storyIds));
      Uni<RowSet<Row>> gone =
          connection
              .preparedQuery("select key_id from destroyed_key where key_id = any($1)")
              .execute(Tuple.of(keyArray));
      Uni<RowSet<Row>> material =
          connection
              .preparedQuery(
                  "select key_id, key_material from content_key where key_id = any($1) for share")
              .execute(Tuple.of(keyArray));
      return Uni.combine()
          .all()
          .unis(created, progress, gone, material)
          .asTuple()
          .invoke(
              rows -> {
                for (Row row : rows.getItem2()) {
                  applied.put(row.getUUID(0), row.getLong(1));
                  if (row.getBoolean(2)) {
                    held.add(row.getUUID(0));
                  }
                }
                for (Row row : rows.getItem3()) {
                  destroyed.add(row.getString(0));
                }
                for (Row row : rows.getItem4()) {
                  keys.put(row.getString(0), Base64.getDecoder().decode(row.getString(1)));
                }
              })
          .replaceWithVoid();
    }

    private KeyRing.Lookup lookup(String keyId) {
      if (destroyed.contains(keyId)) {
        return new KeyRing.Destroyed();
      }
      byte[] key = keys.get(keyId);
      return key == null ? new KeyRing.Missing() : new KeyRing.Available(key);
    }

    /** Decides what each story applies here, and renders it. */
    private Uni<Loaded> plan() {
      for (UUID storyId : storyIds) {
        List<Item> items = byStory.get(storyId);
        long last = applied.getOrDefault(storyId, 0L);
        List<Change> changes = new ArrayList<>();
        List<Item> rest = List.of();
        if (held.contains(storyId)) {
          rest = items;
        } else {
          for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            StoryOrdering.Decision decision =
                StoryOrdering.decide(
                    new StoryOrdering.Progress(last, NOTHING_PARKED), item.version());
            if (decision == StoryOrdering.Decision.DUPLICATE) {
              continue;
            }
            Change change = null;
            if (decision == StoryOrdering.Decision.APPLY && foldAlone(item.event())) {
              try {
                change =
                    PoisonRecordException.fromRecordData(
                        () -> ChangeRenderer.render(item.envelope(), this::lookup));
              } catch (MissingContentKeyException | EventDecodingException e) {
                change = null;
              }
            }
            if (change == null) {
              rest = items.subList(i, items.size());
              break;
            }
            changes.add(change);
            last = item.version();
          }
        }
        planned.put(storyId, new Planned(changes, rest));
      }
      return load();
    }

    /** The rows the planned changes touch, locked, and the pinned update of each story. */
    private Uni<Loaded> load() {
      List<UUID> touchedStories = new ArrayList<>();
      List<UUID> updateStories = new ArrayList<>();
      List<UUID> updateIds = new ArrayList<>();
      List<UUID> articleStories = new ArrayList<>();
      List<UUID> articleIds = new ArrayList<>();
      List<UUID> analysisStories = new ArrayList<>();
      List<UUID> analysisIds = new ArrayList<>();
      planned.forEach(
          (storyId, plan) -> {
            if (plan.changes().isEmpty()) {
              return;
            }
            touchedStories.add(storyId);
            Touched touched = Touched.by(plan.changes());
            for (UUID id : touched.updates()) {
              updateStories.add(storyId);
              updateIds.add(id);
            }
            for (UUID id : touched.articles()) {
              articleStories.add(storyId);
              articleIds.add(id);
            }
            for (UUID id : touched.analyses()) {
              analysisStories.add(storyId);
              analysisIds.add(id);
            }
          });
      Loaded loaded = new Loaded();
      if (touchedStories.isEmpty()) {
        return Uni.createFrom().item(loaded);
      }
      UUID[] stories = touchedStories.toArray(UUID[]::new);
      Uni<RowSet<Row>> views =
          connection
              .preparedQuery(
                  "select story_id, title, slug, section, language, summary, tags::text,"
                      + " canonical_url, status, coverage_start_time, coverage_end_time,"
                      + " pinned_update_id, update_count, version, opened_at, updated_at"
                      + " from story_view where generation = $1 and story_id = any($2)")
              .execute(Tuple.of(generation, stories));
      // One IN over a union, not an OR of two INs: the planner turns this into a semi-join on the
      // primary key, while the OR made it scan every update of the generation on each batch.
      Uni<RowSet<Row>> updates =
          connection
              .preparedQuery(
                  "select story_id, update_id, headline, body, authors::text, key_event, pinned,"
                      + " retracted, corrected, correction_note, corrected_at, redacted,"
                      + " redaction_reason, redacted_at, key_id, published_at, first_recorded_at,"
                      + " last_recorded_at, posted_version from update_view u"
                      + " where generation = $1 and (story_id, update_id) in"
                      + " (select * from unnest($2::uuid[], $3::uuid[])"
                      + " union all select story_id, pinned_update_id from story_view"
                      + " where generation = $1 and story_id = any($4)"
                      + " and pinned_update_id is not null)"
                      + " order by story_id, update_id for update")
              .execute(
                  Tuple.of(
                      generation,
                      updateStories.toArray(UUID[]::new),
                      updateIds.toArray(UUID[]::new),
                      stories));
      Uni<RowSet<Row>> related =
          articleIds.isEmpty()
              ? Uni.createFrom().nullItem()
              : connection
                  .preparedQuery(
                      "select story_id, article_id, headline, url, standfirst, linked_version,"
                          + " linked_at from related_article where generation = $1"
                          + " and (story_id, article_id) in"
                          + " (select * from unnest($2::uuid[], $3::uuid[])) for update")
                  .execute(
                      Tuple.of(
                          generation,
                          articleStories.toArray(UUID[]::new),
                          articleIds.toArray(UUID[]::new)));
      Uni<RowSet<Row>> analyses =
          analysisIds.isEmpty()
              ? Uni.createFrom().nullItem()
              : connection
                  .preparedQuery(
                      "select story_id, analysis_id, title, standfirst, reading_time_minutes,"
                          + " link, anchor_update_id, attached_version, attached_at,"
                          + " redaction_reason, redacted_at from attached_analysis"
                          + " where generation = $1 and (story_id, analysis_id) in"
                          + " (select * from unnest($2::uuid[], $3::uuid[])) for update")
                  .execute(
                      Tuple.of(
                          generation,
                          analysisStories.toArray(UUID[]::new),
                          analysisIds.toArray(UUID[]::new)));
      return Uni.combine()
          .all()
          .unis(views, updates, related, analyses)
          .asTuple()
          .map(
              rows -> {
                for (Row row : rows.getItem1()) {
                  loaded.stories.put(row.getUUID(0), storyRow(row));
                }
                for (Row row : rows.getItem2()) {
                  loaded
                      .updates
                      .computeIfAbsent(row.getUUID(0), id -> new HashMap<>())
                      .put(row.getUUID(1), updateRow(row));
                }
                if (rows.getItem3() != null) {
                  for (Row row : rows.getItem3()) {
                    loaded
                        .related
                        .computeIfAbsent(row.getUUID(0), id -> new HashMap<>())
                        .put(row.getUUID(1), relatedRow(row));
                  }
                }
                if (rows.getItem4() != null) {
                  for (Row row : rows.getItem4()) {
                    loaded
                        .analyses
                        .computeIfAbsent(row.getUUID(0), id -> new HashMap<>())
                        .put(row.getUUID(1), analysisRow(row));
                  }
                }
                return loaded;
              });
    }

    /** Folds each story and writes what changed, one statement per table. */
    private Uni<Result> write(Loaded loaded) {
      Writes writes = new Writes();
      List<StoryResult> results = new ArrayList<>();
      for (UUID storyId : storyIds) {
        Planned plan = planned.get(storyId);
        long before = applied.getOrDefault(storyId, 0L);
        if (plan.changes().isEmpty()) {
          results.add(new StoryResult(storyId, before, before, List.of(), plan.rest()));
          continue;
        }
        ViewState initial =
            ViewState.of(
                loaded.stories.get(storyId),
                loaded.updates.getOrDefault(storyId, Map.of()),
                loaded.related.getOrDefault(storyId, Map.of()),
                loaded.analyses.getOrDefault(storyId, Map.of()));
        ViewState state = initial;
        List<ChangeLog.Entry> entries = new ArrayList<>();
        for (Change change : plan.changes()) {
          ViewState current = state;
          ViewFold.Step step =
              PoisonRecordException.fromRecordData(() -> ViewFold.apply(current, change));
          state = step.state();
          if (step.revision() != null) {
            writes.revision(storyId, step.revision());
          }
          // Serialised once: the same text is stored and sent to the story's readers.
          String data = Json.text(change.data());
          writes.change(change, data, step.keyEvent());
          entries.add(
              new ChangeLog.Entry(
                  change.version(),
                  change.type(),
                  change.updateId(),
                  data,
                  step.keyEvent(),
                  change.recordedAt()));
        }
        writes.diff(storyId, ViewDiff.between(initial, state));
        long after = plan.changes().get(plan.changes().size() - 1).version();
        writes.progress(storyId, after);
        results.add(new StoryResult(storyId, before, after, entries, plan.rest()));
      }
      return writes.execute(connection, generation).replaceWith(new Result(generation, results));
    }
  }

  /** The rows loaded for a batch, by story. */
  private static final class Loaded {
    final Map<UUID, StoryRow> stories = new HashMap<>();
    final Map<UUID, Map<UUID, UpdateRow>> updates = new HashMap<>();
    final Map<UUID, Map<UUID, RelatedRow>> related = new HashMap<>();
    final Map<UUID, Map<UUID, AnalysisRow>> analyses = new HashMap<>();
  }

  /** What a batch writes, gathered into one statement per table. */
  private static final class Writes {
    final List<UUID> storyOfView = new ArrayList<>();
    final List<StoryRow> views = new ArrayList<>();
    final List<UUID> storyOfUpdate = new ArrayList<>();
    final List<UpdateRow> updates = new ArrayList<>();
    final List<UUID> storyOfRevision = new ArrayList<>();
    final List<RevisionRow> revisions = new ArrayList<>();
    final List<UUID> storyOfRelated = new ArrayList<>();
    final List<RelatedRow> related = new ArrayList<>();
    final List<UUID> storyOfUnlinked = new ArrayList<>();
    final List<UUID> unlinked = new ArrayList<>();
    final List<UUID> storyOfAnalysis = new ArrayList<>();
    final List<AnalysisRow> analyses = new ArrayList<>();
    final List<UUID> storyOfDetached = new ArrayList<>();
    final List<UUID> detached = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    final List<String> changeData = new ArrayList<>();
    final List<Boolean> keyEvents = new ArrayList<>();
    final List<UUID> progressStories = new ArrayList<>();
    final List<Long> progressVersions = new ArrayList<>();

    void revision(UUID storyId, RevisionRow row) {
      storyOfRevision.add(storyId);
      revisions.add(row);
    }

    void change(Change change, String data, boolean keyEvent) {
      changes.add(change);
      changeData.add(data);
      keyEvents.add(keyEvent);
    }

    void progress(UUID storyId, long version) {
      progressStories.add(storyId);
      progressVersions.add(version);
    }

    void diff(UUID storyId, ViewDiff diff) {
      if (diff.story() != null) {
        storyOfView.add(storyId);
        views.add(diff.story());
      }
      for (UpdateRow row : diff.updates()) {
        storyOfUpdate.add(storyId);
        updates.add(row);
      }
      for (RelatedRow row : diff.related()) {
        storyOfRelated.add(storyId);
        related.add(row);
      }
      for (UUID id : diff.unlinked()) {
        storyOfUnlinked.add(storyId);
        unlinked.add(id);
      }
      for (AnalysisRow row : diff.analyses()) {
        storyOfAnalysis.add(storyId);
        analyses.add(row);
      }
      for (UUID id : diff.detached()) {
        storyOfDetached.add(storyId);
        detached.add(id);
      }
    }

    Uni<Void> execute(SqlConnection connection, int generation) {
      List<Uni<RowSet<Row>>> statements = new ArrayList<>();
      if (!views.isEmpty()) {
        statements.add(views(connection, generation));
      }
      if (!updates.isEmpty()) {
        statements.add(updates(connection, generation));
      }
      if (!revisions.isEmpty()) {
        statements.add(revisions(connection, generation));
      }
      if (!related.isEmpty()) {
        statements.add(related(connection, generation));
      }
      if (!analyses.isEmpty()) {
        statements.add(analyses(connection, generation));
      }
      if (!unlinked.isEmpty()) {
        statements.add(
            connection
                .preparedQuery(
                    "delete from related_article where generation = $1 and (story_id, article_id)"
                        + " in (select * from unnest($2::uuid[], $3::uuid[]))")
                .execute(
                    Tuple.of(
                        generation,
                        storyOfUnlinked.toArray(UUID[]::new),
                        unlinked.toArray(UUID[]::new))));
      }
      if (!detached.isEmpty()) {
        statements.add(
            connection
                .preparedQuery(
                    "delete from attached_analysis where generation = $1 and (story_id,"
                        + " analysis_id) in (select * from unnest($2::uuid[], $3::uuid[]))")
                .execute(
                    Tuple.of(
                        generation,
                        storyOfDetached.toArray(UUID[]::new),
                        detached.toArray(UUID[]::new))));
      }
      statements.add(changes(connection, generation));
      statements.add(
          connection
              .preparedQuery(
                  "update story_progress p set applied_version = r.v"
                      + " from unnest($2::uuid[], $3::bigint[]) as r(s, v)"
                      + " where p.generation = $1 and p.story_id = r.s")
              .execute(
                  Tuple.of(
                      generation,
                      progressStories.toArray(UUID[]::new),
                      progressVersions.toArray(Long[]::new))));
      return Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    private Uni<RowSet<Row>> views(SqlConnection connection, int generation) {
      // One typed array per column, not an Object[][] of them: a store into an element of
      // Object[][] needs a type check that C2 speculated on, gave up and recompiled, over and over
      // (jdk.Deoptimization "array_check" at these lines; 40 s of C2 in a 100 s bench run).
      int n = views.size();
      UUID[] s = new UUID[n];
      String[] ti = new String[n];
      String[] sl = new String[n];
      String[] se = new String[n];
      String[] la = new String[n];
      String[] su = new String[n];
      String[] ta = new String[n];
      String[] cu = new String[n];
      String[] st = new String[n];
      OffsetDateTime[] cs = new OffsetDateTime[n];
      OffsetDateTime[] ce = new OffsetDateTime[n];
      UUID[] pu = new UUID[n];
      Integer[] uc = new Integer[n];
      Long[] v = new Long[n];
      OffsetDateTime[] oa = new OffsetDateTime[n];
      OffsetDateTime[] ua = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        StoryRow r = views.get(i);
        s[i] = storyOfView.get(i);
        ti[i] = r.title();
        sl[i] = r.slug();
        se[i] = r.section();
        la[i] = r.language();
        su[i] = r.summary();
        ta[i] = Json.text(r.tags());
        cu[i] = r.canonicalUrl();
        st[i] = r.status();
        cs[i] = odt(r.coverageStartTime());
        ce[i] = odt(r.coverageEndTime());
        pu[i] = r.pinnedUpdateId();
        uc[i] = r.updateCount();
        v[i] = r.version();
        oa[i] = odt(r.openedAt());
        ua[i] = odt(r.updatedAt());
      }
      Object[][] c = {s, ti, sl, se, la, su, ta, cu, st, cs, ce, pu, uc, v, oa, ua};
      return connection
          .preparedQuery(
              "insert into story_view (generation, story_id, title, slug, section, language,"
                  + " summary, tags, canonical_url, status, coverage_start_time,"
                  + " coverage_end_time, pinned_update_id, update_count, version, opened_at,"
                  + " updated_at)"
                  + " select $1, s, ti, sl, se, la, su, ta::jsonb, cu, st, cs, ce, pu, uc, v, oa, ua"
                  + " from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],"
                  + " $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[],"
                  + " $12::timestamptz[], $13::uuid[], $14::int[], $15::bigint[],"
                  + " $16::timestamptz[], $17::timestamptz[])"
                  + " as r(s, ti, sl, se, la, su, ta, cu, st, cs, ce, pu, uc, v, oa, ua)"
                  + " on conflict (generation, story_id) do update set title = excluded.title,"
                  + " slug = excluded.slug, section = excluded.section,"
                  + " language = excluded.language, summary = excluded.summary,"
                  + " tags = excluded.tags, canonical_url = excluded.canonical_url,"
                  + " status = excluded.status,"
                  + " coverage_start_time = excluded.coverage_start_time,"
                  + " coverage_end_time = excluded.coverage_end_time,"
                  + " pinned_update_id = excluded.pinned_update_id,"
                  + " update_count = excluded.update_count, version = excluded.version,"
                  + " opened_at = excluded.opened_at, updated_at = excluded.updated_at")
          .execute(tuple(generation, c));
    }

    private Uni<RowSet<Row>> updates(SqlConnection connection, int generation) {
      // Typed arrays per column, for the reason given in views().
      int n = updates.size();
      UUID[] s = new UUID[n];
      UUID[] u = new UUID[n];
      String[] h = new String[n];
      String[] b = new String[n];
      String[] a = new String[n];
      Boolean[] ke = new Boolean[n];
      Boolean[] pi = new Boolean[n];
      Boolean[] re = new Boolean[n];
      Boolean[] co = new Boolean[n];
      String[] cn = new String[n];
      OffsetDateTime[] ca = new OffsetDateTime[n];
      Boolean[] rd = new Boolean[n];
      String[] rr = new String[n];
      OffsetDateTime[] ra = new OffsetDateTime[n];
      String[] ki = new String[n];
      OffsetDateTime[] pa = new OffsetDateTime[n];
      OffsetDateTime[] fr = new OffsetDateTime[n];
      OffsetDateTime[] lr = new OffsetDateTime[n];
      Long[] pv = new Long[n];
      for (int i = 0; i < n; i++) {
        UpdateRow r = updates.get(i);
        s[i] = storyOfUpdate.get(i);
        u[i] = r.updateId();
        h[i] = r.headline();
        b[i] = r.body();
        a[i] = Json.text(r.authors());
        ke[i] = r.keyEvent();
        pi[i] = r.pinned();
        re[i] = r.retracted();
        co[i] = r.corrected();
        cn[i] = r.correctionNote();
        ca[i] = odt(r.correctedAt());
        rd[i] = r.redacted();
        rr[i] = r.redactionReason();
        ra[i] = odt(r.redactedAt());
        ki[i] = r.keyId();
        pa[i] = odt(r.publishedAt());
        fr[i] = odt(r.firstRecordedAt());
        lr[i] = odt(r.lastRecordedAt());
        pv[i] = r.postedVersion();
      }
      Object[][] c = {s, u, h, b, a, ke, pi, re, co, cn, ca, rd, rr, ra, ki, pa, fr, lr, pv};
      return connection
          .preparedQuery(
              "insert into update_view (generation, story_id, update_id, headline, body, authors,"
                  + " key_event, pinned, retracted, corrected, correction_note, corrected_at,"
                  + " redacted, redaction_reason, redacted_at, key_id, published_at,"
                  + " first_recorded_at, last_recorded_at, posted_version)"
                  + " select $1, s, u, h, b, a::jsonb, ke, pi, re, co, cn, ca, rd, rr, ra, ki, pa,"
                  + " fr, lr, pv from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[],"
                  + " $6::text[], $7::bool[], $8::bool[], $9::bool[], $10::bool[], $11::text[],"
                  + " $12::timestamptz[], $13::bool[], $14::text[], $15::timestamptz[],"
                  + " $16::text[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[],"
                  + " $20::bigint[])"
                  + " as r(s, u, h, b, a, ke, pi, re, co, cn, ca, rd, rr, ra, ki, pa, fr, lr, pv)"
                  + " on conflict (generation, story_id, update_id) do update set"
                  + " headline = excluded.headline, body = excluded.body,"
                  + " authors = excluded.authors, key_event = excluded.key_event,"
                  + " pinned = excluded.pinned, retracted = excluded.retracted,"
                  + " corrected = excluded.corrected, correction_note = excluded.correction_note,"
                  + " corrected_at = excluded.corrected_at, redacted = excluded.redacted,"
                  + " redaction_reason = excluded.redaction_reason,"
                  + " redacted_at = excluded.redacted_at, key_id = excluded.key_id,"
                  + " published_at = excluded.published_at,"
                  + " first_recorded_at = excluded.first_recorded_at,"
                  + " last_recorded_at = excluded.last_recorded_at,"
                  + " posted_version = excluded.posted_version")
          .execute(tuple(generation, c));
    }

    private Uni<RowSet<Row>> revisions(SqlConnection connection, int generation) {
      int n = revisions.size();
      UUID[] s = new UUID[n];
      UUID[] u = new UUID[n];
      Long[] v = new Long[n];
      String[] k = new String[n];
      String[] h = new String[n];
      String[] b = new String[n];
      String[] a = new String[n];
      String[] no = new String[n];
      Boolean[] r = new Boolean[n];
      String[] ki = new String[n];
      OffsetDateTime[] at = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        RevisionRow row = revisions.get(i);
        s[i] = storyOfRevision.get(i);
        u[i] = row.updateId();
        v[i] = row.version();
        k[i] = row.kind();
        h[i] = row.headline();
        b[i] = row.body();
        a[i] = row.authors() == null ? null : Json.text(row.authors());
        no[i] = row.note();
        r[i] = row.redacted();
        ki[i] = row.keyId();
        at[i] = odt(row.recordedAt());
      }
      return connection
          .preparedQuery(
              "insert into update_revision (generation, story_id, update_id, version, kind,"
                  + " headline, body, authors, note, redacted, key_id, recorded_at)"
                  + " select $1, s, u, v, k, h, b, a::jsonb, n, r, ki, ra from unnest($2::uuid[],"
                  + " $3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],"
                  + " $9::text[], $10::bool[], $11::text[], $12::timestamptz[])"
                  + " as x(s, u, v, k, h, b, a, n, r, ki, ra)")
          .execute(tuple(generation, new Object[][] {s, u, v, k, h, b, a, no, r, ki, at}));
    }

    private Uni<RowSet<Row>> related(SqlConnection connection, int generation) {
      int n = related.size();
      UUID[] s = new UUID[n];
      UUID[] id = new UUID[n];
      String[] h = new String[n];
      String[] url = new String[n];
      String[] sf = new String[n];
      Long[] v = new Long[n];
      OffsetDateTime[] at = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        RelatedRow row = related.get(i);
        s[i] = storyOfRelated.get(i);
        id[i] = row.articleId();
        h[i] = row.headline();
        url[i] = row.url();
        sf[i] = row.standfirst();
        v[i] = row.linkedVersion();
        at[i] = odt(row.linkedAt());
      }
      return connection
          .preparedQuery(
              "insert into related_article (generation, story_id, article_id, headline, url,"
                  + " standfirst, linked_version, linked_at)"
                  + " select $1, s, a, h, u, sf, v, at from unnest($2::uuid[], $3::uuid[],"
                  + " $4::text[], $5::text[], $6::text[], $7::bigint[], $8::timestamptz[])"
                  + " as r(s, a, h, u, sf, v, at)"
                  + " on conflict (generation, story_id, article_id) do update set"
                  + " headline = excluded.headline, url = excluded.url,"
                  + " standfirst = excluded.standfirst")
          .execute(tuple(generation, new Object[][] {s, id, h, url, sf, v, at}));
    }

    private Uni<RowSet<Row>> analyses(SqlConnection connection, int generation) {
      int n = analyses.size();
      UUID[] s = new UUID[n];
      UUID[] id = new UUID[n];
      String[] ti = new String[n];
      String[] sf = new String[n];
      Integer[] rt = new Integer[n];
      String[] li = new String[n];
      UUID[] an = new UUID[n];
      Long[] v = new Long[n];
      OffsetDateTime[] at = new OffsetDateTime[n];
      String[] rr = new String[n];
      OffsetDateTime[] ra = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        AnalysisRow row = analyses.get(i);
        s[i] = storyOfAnalysis.get(i);
        id[i] = row.analysisId();
        ti[i] = row.title();
        sf[i] = row.standfirst();
        rt[i] = row.readingTimeMinutes();
        li[i] = row.link();
        an[i] = row.anchorUpdateId();
        v[i] = row.attachedVersion();
        at[i] = odt(row.attachedAt());
        rr[i] = row.redactionReason();
        ra[i] = odt(row.redactedAt());
      }
      return connection
          .preparedQuery(
              "insert into attached_analysis (generation, story_id, analysis_id, title,"
                  + " standfirst, reading_time_minutes, link, anchor_update_id, attached_version,"
                  + " attached_at, redaction_reason, redacted_at)"
                  + " select $1, s, a, ti, sf, rt, li, an, v, at, rr, ra from unnest($2::uuid[],"
                  + " $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::uuid[],"
                  + " $9::bigint[], $10::timestamptz[], $11::text[], $12::timestamptz[])"
                  + " as r(s, a, ti, sf, rt, li, an, v, at, rr, ra)"
                  + " on conflict (generation, story_id, analysis_id) do update set"
                  + " title = excluded.title, standfirst = excluded.standfirst,"
                  + " reading_time_minutes = excluded.reading_time_minutes, link = excluded.link,"
                  + " anchor_update_id = excluded.anchor_update_id,"
                  + " redaction_reason = excluded.redaction_reason,"
                  + " redacted_at = excluded.redacted_at")
          .execute(tuple(generation, new Object[][] {s, id, ti, sf, rt, li, an, v, at, rr, ra}));
    }

    private Uni<RowSet<Row>> changes(SqlConnection connection, int generation) {
      int n = changes.size();
      UUID[] s = new UUID[n];
      Long[] v = new Long[n];
      String[] t = new String[n];
      UUID[] u = new UUID[n];
      String[] d = new String[n];
      Boolean[] ke = new Boolean[n];
      String[] ki = new String[n];
      OffsetDateTime[] at = new OffsetDateTime[n];
      for (int i = 0; i < n; i++) {
        Change change = changes.get(i);
        s[i] = change.storyId();
        v[i] = change.version();
        t[i] = change.type();
        u[i] = change.updateId();
        d[i] = changeData.get(i);
        ke[i] = keyEvents.get(i);
        ki[i] = change.keyId();
        at[i] = odt(change.recordedAt());
      }
      return connection
          .preparedQuery(
              "insert into story_change (generation, story_id, version, type, update_id, data,"
                  + " key_event, key_id, recorded_at)"
                  + " select $1, s, v, t, u, d::jsonb, ke, ki, at from unnest($2::uuid[],"
                  + " $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::bool[], $8::text[],"
                  + " $9::timestamptz[]) as r(s, v, t, u, d, ke, ki, at)")
          .execute(tuple(generation, new Object[][] {s, v, t, u, d, ke, ki, at}));
    }

    private static Tuple tuple(int generation, Object[][] columns) {
      List<Object> values = new ArrayList<>(columns.length + 1);
      values.add(generation);
      values.addAll(Arrays.asList(columns));
      return Tuple.tuple(values);
    }
  }

  private static OffsetDateTime odt(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row row, int column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static StoryRow storyRow(Row r) {
    return new StoryRow(
        r.getUUID(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        Json.stringList(r.getString(6)),
        r.getString(7),
        r.getString(8),
        instant(r, 9),
        instant(r, 10),
        r.getUUID(11),
        r.getInteger(12),
        r.getLong(13),
        instant(r, 14),
        instant(r, 15));
  }

  private static UpdateRow updateRow(Row r) {
    return new UpdateRow(
        r.getUUID(1),
        r.getString(2),
        r.getString(3),
        Json.stringList(r.getString(4)),
        r.getBoolean(5),
        r.getBoolean(6),
        r.getBoolean(7),
        r.getBoolean(8),
        r.getString(9),
        instant(r, 10),
        r.getBoolean(11),
        r.getString(12),
        instant(r, 13),
        r.getString(14),
        instant(r, 15),
        instant(r, 16),
        instant(r, 17),
        r.getLong(18));
  }

  private static RelatedRow relatedRow(Row r) {
    return new RelatedRow(
        r.getUUID(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), instant(r, 6));
  }

  private static AnalysisRow analysisRow(Row r) {
    return new AnalysisRow(
        r.getUUID(1),
        r.getString(2),
        r.getString(3),
        r.getInteger(4),
        r.getString(5),
        r.getUUID(6),
        r.getLong(7),
        instant(r, 8),
        r.getString(9),
        instant(r, 10));
  }
}
