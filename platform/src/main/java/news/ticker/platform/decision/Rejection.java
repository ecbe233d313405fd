package news.ticker.platform.decision;

/**
 * Why a decider refused a command, in the terms of the domain rather than of HTTP. The edge turns a
 * rejection into its problem+json answer once ({@code problem.Rejections}); a batch of commands can
 * refuse one and accept the others.
 */
public sealed interface Rejection {

  /** A human-readable explanation, the {@code detail} of the answer. */
  String detail();

  /** The command is about something that does not exist (a story never opened, an update). */
  record NotFound(String what, Object id) implements Rejection {
    @Override
    public String detail() {
      return what + " " + id + " does not exist";
    }
  }

  /** The current state forbids the command (already open, closed, retracted, redacted). */
  record Conflict(String detail) implements Rejection {}

  /** The command was made for another version of the stream than the current one. */
  record PreconditionFailed(long currentVersion) implements Rejection {
    @Override
    public String detail() {
      return "If-Match does not match the current version " + currentVersion;
    }
  }

  /** A field of the command is valid on its own but not against the current state. */
  record Invalid(String field, String reason) implements Rejection {
    @Override
    public String detail() {
      return field + ": " + reason;
    }
  }
}
