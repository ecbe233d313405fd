package news.ticker.timeline.readmodel;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Primary key of a generational table. */
public class AnalysisKey implements Serializable {
  public int generation;
  public UUID storyId;
  public UUID analysisId;

  public AnalysisKey() {}

  public AnalysisKey(int generation, UUID storyId, UUID analysisId) {
    this.generation = generation;
    this.storyId = storyId;
    this.analysisId = analysisId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnalysisKey k
        && generation == k.generation
        && Objects.equals(storyId, k.storyId)
        && Objects.equals(analysisId, k.analysisId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, storyId, analysisId);
  }
}
