package news.ticker.devstack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code .devstack/} at the repository root (git-ignored): everything {@code ./ticker} keeps
 * between runs. {@code kafka/} and {@code postgres/} hold the data, {@code keys/} the JWT key pair,
 * {@code logs/<component>.log} the output, {@code pids/<component>.pid} and {@code .port} what runs
 * where.
 */
final class StateDirectory {

  private final Path root;

  StateDirectory(Path repositoryRoot) {
    this.root = repositoryRoot.toAbsolutePath().resolve(".devstack");
  }

  Path root() {
    return root;
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path pids() {
    return root.resolve("pids");
  }

  Path keys() {
    return root.resolve("keys");
  }

  Path kafkaData() {
    return root.resolve("kafka");
  }

  Path postgresData() {
    return root.resolve("postgres");
  }

  Path logFile(String component) {
    return logs().resolve(component + ".log");
  }

  void createDirectories() {
    try {
      Files.createDirectories(logs());
      Files.createDirectories(pids());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root, e);
    }
  }

  /** Records what was started, right after the spawn (so that a Ctrl-C meanwhile loses nothing). */
  void record(String component, long pid, int port) {
    try {
      Files.createDirectories(pids());
      Files.writeString(pidFile(component), pid + "\n", StandardCharsets.UTF_8);
      Files.writeString(portFile(component), port + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the PID of " + component, e);
    }
  }

  void forget(String component) {
    try {
      Files.deleteIfExists(pidFile(component));
      Files.deleteIfExists(portFile(component));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the PID file of " + component, e);
    }
  }

  OptionalLong recordedPid(String component) {
    String text = read(pidFile(component));
    try {
      return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  OptionalInt recordedPort(String component) {
    String text = read(portFile(component));
    try {
      return text == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Path pidFile(String component) {
    return pids().resolve(component + ".pid");
  }

  private Path portFile(String component) {
    return pids().resolve(component + ".port");
  }
}
