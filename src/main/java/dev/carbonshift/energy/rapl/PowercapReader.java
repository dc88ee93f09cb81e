package dev.carbonshift.energy.rapl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one powercap file. Injectable because tests run as root, where a file mode cannot make a
 * read fail the way it does for an ordinary user.
 */
@FunctionalInterface
public interface PowercapReader {

  String read(Path file) throws IOException;

  /** Reads the real file system. */
  PowercapReader FILES = Files::readString;
}
