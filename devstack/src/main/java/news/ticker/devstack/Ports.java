package news.ticker.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** TCP port helpers for the dev stack: ephemeral ports for tests, clear errors for taken ports. */
public final class Ports {

  private Ports() {}

  /**
   * A port that was free a moment ago. The OS picks it from its ephemeral range, so two JVMs asking
   * at the same time get different ports; the (small) window until the caller binds it is accepted.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port on the loopback interface", e);
    }
  }

  /** {@code port} itself, or a {@link #freePort() free port} when it is 0. */
  public static int resolve(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    return port == 0 ? freePort() : port;
  }

  /**
   * Whether nothing listens on {@code port} on any local address. Binds the wildcard address: on
   * Linux that fails when any socket listens on the port, whichever address it is bound to, and
   * succeeds past connections lingering in TIME_WAIT (Java sets SO_REUSEADDR), which is what a
   * restarting server on the same port needs.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections on {@code localhost:port} within {@code timeout}. */
  public static boolean isListening(int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
