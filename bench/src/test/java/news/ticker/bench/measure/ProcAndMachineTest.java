package news.ticker.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcAndMachineTest {

  @Test
  void cpuInfo() {
    String cpuinfo =
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Example CPU @ 2.20GHz\n\n"
            + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Example CPU @ 2.20GHz\n";
    MachineInfo.Cpu cpu = MachineInfo.parseCpuInfo(cpuinfo);
    assertThat(cpu.count()).isEqualTo(2);
    assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Example CPU @ 2.20GHz");
    assertThat(MachineInfo.parseCpuInfo("").model()).isEqualTo("unknown");
  }

  @Test
  void memTotalAndRelease() {
    assertThat(MachineInfo.parseMemTotal("MemTotal:       24563412 kB\nMemFree: 1 kB\n"))
        .isEqualTo(24563412L * 1024);
    assertThat(
            MachineInfo.releaseValue(
                "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n", "JAVA_VERSION"))
        .isEqualTo("17.0.15");
    assertThat(MachineInfo.jvmOptions("/usr/bin/java -Xmx512m -XX:+UseG1GC -Dx=y -jar a.jar"))
        .isEqualTo("-Xmx512m -XX:+UseG1GC");
  }

  @Test
  void procStatWithSpacesInTheName() {
    String stat =
        "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 30 0 100 0 0";
    assertThat(Proc.parseCpuTicks(stat, false)).isEqualTo(300);
    assertThat(Proc.parseCpuTicks(stat, true)).isEqualTo(310);
    assertThat(Proc.parsePpid(stat)).isEqualTo(1);
    assertThat(Proc.parseCpuTicks("garbage", false)).isEqualTo(-1);
  }

  @Test
  void systemTicksAndLimits() {
    long[] t = Proc.parseSystemTicks("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3\n");
    assertThat(t).containsExactly(150, 1000);
    String limits =
        "Limit                     Soft Limit           Hard Limit           Units     \n"
            + "Max open files            65536                65536                files     \n";
    assertThat(Proc.parseMaxOpenFiles(limits)).isEqualTo(65536);
  }
}
