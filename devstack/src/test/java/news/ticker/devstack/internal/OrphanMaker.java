package news.ticker.devstack.internal;

import news.ticker.devstack.kafka.KafkaProcess;
import news.ticker.devstack.postgres.EmbeddedPostgres;

/** A "test JVM" for {@link OrphansTest}: starts servers, reports their PIDs, waits to be killed. */
public final class OrphanMaker {

  private OrphanMaker() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    KafkaProcess kafka = KafkaProcess.builder().start();
    System.out.println("PIDS " + postgres.pid() + " " + kafka.pid() + " " + postgres.dataDir());
    Thread.sleep(Long.MAX_VALUE);
  }
}
