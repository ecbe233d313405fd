package news.ticker.devstack.cli;

/** Wrong command line or configuration; the message says what is expected. Exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
