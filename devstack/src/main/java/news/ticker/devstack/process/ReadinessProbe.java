package news.ticker.devstack.process;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import news.ticker.devstack.Ports;

/**
 * Tells whether a started component serves requests. Implementations answer within a couple of
 * seconds and never throw: a probe that cannot reach the component answers {@code false}.
 */
@FunctionalInterface
public interface ReadinessProbe {

  boolean isReady();

  /** Ready as soon as the process runs. */
  ReadinessProbe NONE = () -> true;

  /** Ready when something accepts TCP connections on {@code localhost:port}. */
  static ReadinessProbe tcp(int port) {
    return () -> Ports.isListening(port, Duration.ofSeconds(1));
  }

  /** Ready when a GET of {@code uri} answers 200, e.g. a Quarkus {@code /q/health/ready}. */
  static ReadinessProbe http(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    return () -> {
      try {
        return ProbeHttpClient.CLIENT
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        return false;
      }
    };
  }
}
