package news.ticker.devstack.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * The RSA key pair that signs dev and test tokens: {@code private.pem} (mode 600) and {@code
 * public.pem} in a directory such as {@code .devstack/keys}, created on first use. Development
 * only: these files are git-ignored and must never be committed or used outside a dev stack.
 */
public final class DevKeys {

  /** The {@code iss} of every dev token and the {@code MP_JWT_VERIFY_ISSUER} of the dev stack. */
  public static final String ISSUER = "urn:ticker:devstack";

  public static final String PRIVATE_KEY_FILE = "private.pem";
  public static final String PUBLIC_KEY_FILE = "public.pem";

  /** A string literal: one object in every class loader of the JVM. */
  private static final Object JVM_WIDE_LOCK = "news.ticker.devstack.jwt.DevKeys.lock";

  private final RSAPublicKey publicKey;
  private final RSAPrivateKey privateKey;
  private final Path directory;

  private DevKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey, Path directory) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.directory = directory;
  }

  /**
   * Reads the pair from {@code directory}, or generates and writes it there first. Safe when
   * several processes do this at once (a file lock serialises them; files appear atomically) and
   * several threads, also of different class loaders (a file lock is held by the JVM: a second
   * {@code lock()} in the same JVM would fail instead of waiting, hence the JVM-wide monitor).
   */
  public static DevKeys loadOrCreate(Path directory) {
    synchronized (JVM_WIDE_LOCK) {
      return loadOrCreateLocked(directory.toAbsolutePath());
    }
  }

  private static DevKeys loadOrCreateLocked(Path dir) {
    try {
      Files.createDirectories(dir);
      try (FileChannel lockChannel =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
          KeyPair pair = generateKeyPair();
          writeAtomically(privateFile, Pem.encode((RSAPrivateKey) pair.getPrivate()), "rw-------");
          writeAtomically(publicFile, Pem.encode((RSAPublicKey) pair.getPublic()), "rw-r--r--");
        }
        return new DevKeys(
            Pem.decodePublicKey(Files.readString(publicFile, StandardCharsets.UTF_8)),
            Pem.decodePrivateKey(Files.readString(privateFile, StandardCharsets.UTF_8)),
            dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the dev keys in " + dir, e);
    }
  }

  /** A fresh pair that lives in memory only (e.g. the "other key" of negative tests). */
  public static DevKeys generate() {
    KeyPair pair = generateKeyPair();
    return new DevKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), null);
  }

  private static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA", e);
    }
  }

  private static void writeAtomically(Path target, String content, String permissions)
      throws IOException {
    Path temp =
        Files.createTempFile(
            target.getParent(),
            target.getFileName().toString(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  public RSAPrivateKey privateKey() {
    return privateKey;
  }

  /** The public key as PEM text. */
  public String publicKeyPem() {
    return Pem.encode(publicKey);
  }

  /** {@code <dir>/public.pem}: the {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} of services. */
  public Optional<Path> publicKeyFile() {
    return Optional.ofNullable(directory).map(dir -> dir.resolve(PUBLIC_KEY_FILE));
  }

  /** A minter that signs with this pair's private key, issuer {@link #ISSUER}. */
  public TokenMinter minter() {
    return new TokenMinter(privateKey, ISSUER);
  }
}
