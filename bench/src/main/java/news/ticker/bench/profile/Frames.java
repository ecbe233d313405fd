package news.ticker.bench.profile;

import java.util.List;
import java.util.stream.Collectors;

/** Names frames ({@code package.Class.method}) and renders stacks for the report. */
public final class Frames {

  /** Joins the frames of a rendered stack, leaf first: each frame is called by the next one. */
  public static final String CALLED_BY = " ← ";

  private Frames() {}

  /**
   * A frame's name: class and method, without line number. A lambda's generated class ({@code
   * Foo$$Lambda$123/0x…}) is named {@code Foo$$Lambda}: its number differs from one JVM to the
   * next.
   */
  public static String name(String className, String method) {
    String type = className;
    int lambda = type.indexOf("$$Lambda");
    if (lambda >= 0) {
      type = type.substring(0, lambda + "$$Lambda".length());
    }
    int hidden = type.indexOf('/');
    if (hidden >= 0) {
      type = type.substring(0, hidden);
    }
    return type + "." + method;
  }

  /**
   * The frame without its package ({@code java.util.HashMap.getNode} → {@code HashMap.getNode}).
   */
  public static String shortName(String frame) {
    int method = frame.lastIndexOf('.');
    if (method <= 0) {
      return frame;
    }
    int pkg = frame.lastIndexOf('.', method - 1);
    return pkg < 0 ? frame : frame.substring(pkg + 1);
  }

  /** A stack on one line, leaf first, short names joined by {@link #CALLED_BY}. */
  public static String render(List<String> frames) {
    return frames.stream().map(Frames::shortName).collect(Collectors.joining(CALLED_BY));
  }
}
