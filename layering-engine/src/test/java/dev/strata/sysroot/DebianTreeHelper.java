package dev.strata.sysroot;

import dev.strata.fixtures.DebianArchive;
import java.io.IOException;
import java.nio.file.Path;

/** Small tree edits shared by tests. */
final class DebianTreeHelper {
  private DebianTreeHelper() {}

  static void deleteKernel(Path tree) throws IOException {
    DebianArchive.deleteTree(tree.resolve("usr/lib/modules"));
  }
}
