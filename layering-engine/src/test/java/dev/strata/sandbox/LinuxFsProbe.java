package dev.strata.sandbox;

import dev.strata.store.util.LinuxFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks on applied trees. */
final class LinuxFsProbe {
  private LinuxFsProbe() {}

  /** @return true when no path under {@code dir} carries a trusted.overlay.* xattr */
  static boolean noOverlayXattrs(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        for (String x : LinuxFs.listXattrs(p)) {
          if (x.startsWith("trusted.overlay.")) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
