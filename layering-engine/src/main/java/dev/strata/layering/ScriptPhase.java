package dev.strata.layering;

import dev.strata.layering.importer.CachedPackage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The step of a layering transaction that runs the packages' maintainer scripts (sandboxed) and
 * brings the distribution's own package database ({@code dpkg} status and info files) up to date
 * in the staged tree. Implementations must never write through a hardlink into the repository.
 */
public interface ScriptPhase {
  /**
   * Runs the scripts of {@code added} (in order) in the tree at {@code root}.
   *
   * @param root the staged tree (files hardlinked to repository objects)
   * @param added the layered packages in install order
   * @param log progress and script output
   * @throws IOException when a script fails (the message names the package and script)
   */
  void run(Path root, List<CachedPackage> added, Consumer<String> log) throws IOException;
}
