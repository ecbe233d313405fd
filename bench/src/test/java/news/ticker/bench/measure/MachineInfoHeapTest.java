package news.ticker.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineInfoHeapTest {

  @Test
  void readsTheCollectorAndHeapFromVmFlags() {
    String flags =
        "12345:\n-XX:CICompilerCount=2 -XX:ConcGCThreads=1 -XX:G1HeapRegionSize=1048576"
            + " -XX:InitialHeapSize=33554432 -XX:MaxHeapSize=536870912 -XX:+UseCompressedOops"
            + " -XX:+UseG1GC";
    assertThat(MachineInfo.heapAndGc(flags)).isEqualTo("G1, heap 32 MiB..512 MiB");
    assertThat(MachineInfo.heapAndGc("-XX:+UseSerialGC -XX:MaxHeapSize=1073741824"))
        .isEqualTo("Serial, heap ?..1024 MiB");
  }
}
