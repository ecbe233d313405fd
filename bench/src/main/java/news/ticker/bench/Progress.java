package news.ticker.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The progress bar on standard error: one line, redrawn with {@code \r}, showing the whole run's
 * share done (by the planned seconds of its scenarios), the current step and the elapsed time.
 * Without a terminal it prints a plain line every 15 seconds instead.
 */
public final class Progress implements AutoCloseable {

  /** A planned scenario and its estimated seconds. */
  public record Step(String name, double seconds) {}

  private static final int WIDTH = 28;

  private final PrintStream err;
  private final boolean terminal;
  private final List<Step> plan;
  private final double total;
  private final long startNanos = System.nanoTime();
  private final Thread painter;
  private volatile int current = -1;
  private volatile double fraction;
  private volatile String detail = "";
  private double doneSeconds;
  private long lastPlain;
  private int lastLength;
  private volatile boolean closed;

  public Progress(List<Step> plan, PrintStream err, boolean terminal) {
    this.plan = new ArrayList<>(plan);
    this.err = err;
    this.terminal = terminal;
    this.total = Math.max(1, plan.stream().mapToDouble(Step::seconds).sum());
    this.painter =
        new Thread(
            () -> {
              while (!closed) {
                paint(false);
                try {
                  Thread.sleep(terminal ? 250 : 1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ticker-bench-progress");
    painter.setDaemon(true);
    painter.start();
  }

  /** Starts the scenario of that name (ends the one before). */
  public synchronized void begin(String name) {
    if (current >= 0) {
      doneSeconds += plan.get(current).seconds();
    }
    for (int i = 0; i < plan.size(); i++) {
      if (plan.get(i).name().equals(name)) {
        current = i;
        break;
      }
    }
    fraction = 0;
    detail = "";
  }

  /** How far the current scenario is (0 to 1) and what it does now. */
  public void update(double fraction, String detail) {
    this.fraction = Math.max(0, Math.min(1, fraction));
    this.detail = detail;
  }

  /** Moves the bar and keeps the detail line as it is. */
  public void fraction(double fraction) {
    this.fraction = Math.max(0, Math.min(1, fraction));
  }

  public void detail(String detail) {
    this.detail = detail;
  }

  /** A line printed above the bar. */
  public synchronized void log(String line) {
    if (terminal) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
    }
    err.println(line);
    paint(true);
  }

  private synchronized void paint(boolean force) {
    if (closed && !force) {
      return;
    }
    double done = doneSeconds + (current >= 0 ? plan.get(current).seconds() * fraction : 0);
    double share = Math.min(1, done / total);
    long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
    String name =
        current >= 0 ? plan.get(current).name() : doneSeconds >= total ? "finished" : "starting";
    int filled = (int) Math.round(share * WIDTH);
    String line =
        String.format(
            Locale.ROOT,
            "[%s%s] %3d%% %s  %s  %s",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            Math.round(share * 100),
            clock(elapsed),
            name,
            detail);
    if (terminal) {
      if (line.length() > 150) {
        line = line.substring(0, 150);
      }
      String pad = lastLength > line.length() ? " ".repeat(lastLength - line.length()) : "";
      err.print("\r" + line + pad);
      err.flush();
      lastLength = line.length();
    } else if (force || System.nanoTime() - lastPlain > 15_000_000_000L) {
      err.println(line);
      lastPlain = System.nanoTime();
    }
  }

  static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (current >= 0) {
      doneSeconds += plan.get(current).seconds() * (1 - fraction);
      fraction = 0;
      current = -1;
    }
    doneSeconds = total;
    detail = "done";
    paint(true);
    closed = true;
    painter.interrupt();
    if (terminal) {
      err.println();
    }
  }
}
