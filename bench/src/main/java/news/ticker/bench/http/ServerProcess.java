package news.ticker.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A limit's server in a JVM of its own, as a service runs: started with the bench's class path,
 * ready when it prints {@code READY}, stopped by closing its standard input (so it also ends when
 * the bench dies).
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public int port() {
    return port;
  }

  /**
   * Starts {@code mainClass} with the port as its first argument and {@code args} after it; waits
   * at most {@code timeoutSeconds} for {@code READY}.
   *
   * @param jvmOptions for example {@code -Xmx512m}
   */
  public static ServerProcess start(
      Class<?> mainClass, List<String> jvmOptions, List<String> args, int timeoutSeconds)
      throws IOException, InterruptedException {
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            mainClass.getName(),
            Integer.toString(port)));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CountDownLatch ready = new CountDownLatch(1);
    // drains its output (a full pipe would block it) and sees READY
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.trim().equals("READY")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // ended
              }
            },
            "ticker-bench-server-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(timeoutSeconds, TimeUnit.SECONDS) || !p.isAlive()) {
      new ServerProcess(p, port).close();
      throw new IllegalStateException(
          mainClass.getSimpleName() + " did not start within " + timeoutSeconds + " s");
    }
    return new ServerProcess(p, port);
  }

  public long pid() {
    return process.pid();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Closes its standard input and waits for it to end, bounded; then ends it by force. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
