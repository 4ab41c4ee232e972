package dev.strata.compose;

import java.util.List;

/**
 * What {@link TreeImport} changed. Immutable.
 *
 * @param devicesDropped device nodes, fifos and sockets left out
 * @param varFilesDropped regenerable files under var/cache, var/log and var/lib/apt/lists left out
 * @param tmpfilesLines the lines of {@code usr/lib/tmpfiles.d/strata-var.conf}
 * @param packageDatabase where the package database went ({@code usr/...}), or null if none
 * @param kernel the kernel version found or moved to {@code usr/lib/modules}, or null
 */
public record ImportReport(
    int devicesDropped,
    int varFilesDropped,
    List<String> tmpfilesLines,
    String packageDatabase,
    String kernel) {
  /** Copies the list. */
  public ImportReport {
    tmpfilesLines = List.copyOf(tmpfilesLines);
  }

  /** One human line for stderr. */
  public String summary() {
    return "Imported tree: "
        + devicesDropped
        + " device nodes dropped, "
        + varFilesDropped
        + " cache/log files under /var dropped, "
        + tmpfilesLines.size()
        + " tmpfiles.d entries for /var"
        + (packageDatabase == null ? "" : ", package database in /" + packageDatabase)
        + (kernel == null ? ", no kernel (deploying it will fail)" : ", kernel " + kernel);
  }
}
