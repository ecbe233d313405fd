package news.ticker.analysis.api;

/** Example problem documents for the OpenAPI description of the analysis endpoints. */
final class ProblemExamples {

  private ProblemExamples() {}

  static final String RETRACTED_ANCHOR =
      """
      {"type":"https://ticker.news/problems/conflict","title":"The current state forbids this",\
      "status":409,\
      "detail":"update 0190f5a2-7d4f-7c2b-8e3f-2a3b4c5d6e7f was retracted; anchor elsewhere",\
      "instance":"/api/v1/analyses"}""";

  static final String NEVER_PUBLISHED =
      """
      {"type":"https://ticker.news/problems/conflict","title":"The current state forbids this",\
      "status":409,\
      "detail":"analysis 0190f5a2-8e5a-7d3c-9f4a-3b4c5d6e7f80 is a draft that was never published",\
      "instance":"/api/v1/analyses/0190f5a2-8e5a-7d3c-9f4a-3b4c5d6e7f80/unpublish"}""";

  static final String UNKNOWN_STORY =
      """
      {"type":"https://ticker.news/problems/invalid","title":"The request is not valid",\
      "status":422,\
      "detail":"storyId: story 0190f5a2-6c3e-7b1a-9d2e-1f2a3b4c5d6e is unknown to the analysis service",\
      "instance":"/api/v1/analyses",\
      "errors":[{"field":"storyId",\
      "message":"story 0190f5a2-6c3e-7b1a-9d2e-1f2a3b4c5d6e is unknown to the analysis service"}]}""";

  static final String INVALID_CONTENT =
      """
      {"type":"https://ticker.news/problems/invalid","title":"The request is not valid",\
      "status":422,"detail":"2 fields are invalid","instance":"/api/v1/analyses",\
      "errors":[{"field":"title","message":"required"},\
      {"field":"body","message":"has no text or media once sanitised"}]}""";

  static final String KEY_REUSED =
      """
      {"type":"https://ticker.news/problems/invalid","title":"The request is not valid",\
      "status":422,\
      "detail":"Idempotency-Key: this key was already used for a different request",\
      "instance":"/api/v1/analyses",\
      "errors":[{"field":"Idempotency-Key",\
      "message":"this key was already used for a different request"}]}""";
}
