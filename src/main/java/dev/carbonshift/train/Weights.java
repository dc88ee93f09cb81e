package dev.carbonshift.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash of a version's weights, recorded when written and checked before they are used. */
final class Weights {
  private Weights() {}

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        sha.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Refuses a version whose {@code model.zip} is not the one registered: replaced by another
   * store's version of the same number, damaged, or gone. Versions stored before hashes were
   * recorded carry none and are not checked.
   */
  static void verify(ModelVersion v) {
    Path file = v.modelFile();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(v.ref() + ": its weights " + file + " are missing");
    }
    if (v.weightsSha256() != null && !v.weightsSha256().equals(sha256(file))) {
      throw new IllegalArgumentException(
          v.ref()
              + ": "
              + file
              + " is not the file registered (SHA-256 differs): it was replaced or damaged;"
              + " retrain the model or restore the file");
    }
  }

  /** Whether {@code name} can be a folder directly under the models directory, and nothing else. */
  static boolean safeName(String name) {
    return name != null
        && name.length() <= 128
        && name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")
        && !name.contains("..");
  }
}
