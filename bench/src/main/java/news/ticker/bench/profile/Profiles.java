package news.ticker.bench.profile;

import java.util.List;

/**
 * The recordings of one scenario.
 *
 * @param folder where the .jfr files are, relative to the run's folder ({@code profiles})
 * @param settings the JFR settings file they were recorded with, relative to the run's folder
 * @param services one profile per service recorded
 * @param notes services that could not be recorded or read, and why
 */
public record Profiles(
    String folder, String settings, List<ServiceProfile> services, List<String> notes) {

  public Profiles {
    services = List.copyOf(services);
    notes = List.copyOf(notes);
  }
}
