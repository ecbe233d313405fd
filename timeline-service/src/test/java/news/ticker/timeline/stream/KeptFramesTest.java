package news.ticker.timeline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The promise of the kept frames, against a model of the story: whatever happens (deliveries of any
 * size, rewrites, missed notices, budgets too small), an answer is never wrong. When it answers, it
 * gives every delivered change after the position, and none that a rewrite it heard of may have
 * touched; otherwise it says it cannot tell, and the client reads the change log.
 */
class KeptFramesTest {

  /** A step of the story's life on a replica. */
  sealed interface Step {}

  /** The channel delivers the next {@code count} versions. */
  record Deliver(int count) implements Step {}

  /** A stored change, {@code back} versions before the newest committed one, was rewritten. */
  record Rewrite(int back) implements Step {}

  /** The replica may have missed rewrites. */
  record Missed() implements Step {}

  /** The read of the last version after that notice returns. */
  record Resolved() implements Step {}

  /** A client catches up after the version {@code back} versions before the last delivered. */
  record Ask(int back) implements Step {}

  @Property(tries = 400, seed = "20261207")
  void anAnswerIsEveryDeliveredChangeAfterThePositionAndNoneThatARewriteMayHaveTouched(
      @ForAll("lives") List<Step> life,
      @ForAll @IntRange(min = 0, max = 12) int storyFrames,
      @ForAll @IntRange(min = 0, max = 12) int replicaFrames) {
    int frameBytes = frame(1, 0).sse().length();
    KeptFrames.Budget budget = new KeptFrames.Budget((long) replicaFrames * frameBytes);
    KeptFrames kept = new KeptFrames((long) storyFrames * frameBytes, budget);
    long delivered = 3; // the channel opened at version 3
    kept.start(0, delivered);
    long rewrittenUpTo = 0; // the highest version a rewrite touched that the replica heard of
    boolean unknown = false;
    for (Step step : life) {
      if (step instanceof Deliver deliver) {
        List<ChangeFrame> frames = new ArrayList<>();
        for (int i = 0; i < deliver.count(); i++) {
          frames.add(frame(delivered + 1, delivered));
          delivered++;
        }
        kept.keep(0, frames);
      } else if (step instanceof Rewrite rewrite) {
        long version = Math.max(1, delivered + 2 - rewrite.back()); // maybe not delivered yet
        kept.rewritten(version);
        rewrittenUpTo = Math.max(rewrittenUpTo, version);
      } else if (step instanceof Missed) {
        kept.mayHaveMissed();
        unknown = true;
      } else if (step instanceof Resolved && unknown) {
        // Whatever was missed touched at most what was committed: count it as rewritten.
        kept.missedUpTo(delivered + 2);
        rewrittenUpTo = Math.max(rewrittenUpTo, delivered + 2);
        unknown = false;
      } else if (step instanceof Ask ask) {
        long position = Math.max(0, delivered - ask.back());
        List<ChangeFrame> answer = kept.after(position, 0);
        if (answer != null) {
          assertThat(unknown).isFalse();
          assertThat(answer)
              .extracting(ChangeFrame::version)
              .containsExactlyElementsOf(
                  LongStream.rangeClosed(position + 1, delivered).boxed().toList());
          long touched = rewrittenUpTo;
          assertThat(answer).allSatisfy(f -> assertThat(f.version()).isGreaterThan(touched));
        }
        assertThat(kept.after(position, 1)).isNull(); // another generation is active
      }
    }
    kept.forget();
    assertThat(budget.used()).isZero(); // every byte taken from the replica's budget was given back
  }

  @Provide
  Arbitrary<List<Step>> lives() {
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(1, 5).map(Deliver::new)),
            Tuple.of(2, Arbitraries.integers().between(0, 8).map(Rewrite::new)),
            Tuple.of(1, Arbitraries.just(new Missed())),
            Tuple.of(1, Arbitraries.just(new Resolved())),
            Tuple.of(6, Arbitraries.integers().between(0, 14).map(Ask::new)));
    return step.list().ofMaxSize(60);
  }

  private static ChangeFrame frame(long version, long previous) {
    return new ChangeFrame(
        version, previous, false, Instant.EPOCH, Buffer.buffer("id: " + (version % 10) + "\n\n"));
  }
}
