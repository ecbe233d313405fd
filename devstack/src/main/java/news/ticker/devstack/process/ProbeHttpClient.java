package news.ticker.devstack.process;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client of the readiness probes; a holder so that it is created only when needed. */
final class ProbeHttpClient {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private ProbeHttpClient() {}
}
