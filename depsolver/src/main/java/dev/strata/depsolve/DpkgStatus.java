package dev.strata.depsolve;

import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.repo.DebIndexReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The installed set of a Debian tree, read from dpkg's {@code status} file (by default
 * {@code var/lib/dpkg/status}, or {@code usr/lib/dpkg/status} in trees that keep it under /usr).
 */
public final class DpkgStatus implements InstalledPackages {
  private final List<Package> packages;
  private final String nativeArch;

  private DpkgStatus(List<Package> packages, String nativeArch) {
    this.packages = packages;
    this.nativeArch = nativeArch;
  }

  /**
   * Reads the status file of a tree, looking in the usual places.
   *
   * @param root the tree's root
   * @return the installed set
   * @throws IOException when no status file exists or it cannot be parsed
   */
  public static DpkgStatus ofTree(Path root) throws IOException {
    for (String rel : new String[] {"var/lib/dpkg/status", "usr/lib/dpkg/status",
        "usr/share/dpkg/status"}) {
      Path p = root.resolve(rel);
      if (Files.isRegularFile(p)) {
        return read(p);
      }
    }
    throw new IOException("no dpkg status in " + root + " (var/lib/dpkg/status);"
        + " give the root of a Debian tree");
  }

  /**
   * Reads one status file.
   *
   * @param status the file
   * @return the installed set
   * @throws IOException when it cannot be read or parsed
   */
  public static DpkgStatus read(Path status) throws IOException {
    List<Package> pkgs = DebIndexReader.readStatus(Files.readAllBytes(status), status.toString());
    String arch = null;
    for (Package p : pkgs) {
      if (p.name().equals("dpkg")) {
        arch = p.arch();
      }
    }
    if (arch == null) {
      String os = System.getProperty("os.arch");
      arch = os.equals("x86_64") ? "amd64" : os.equals("aarch64") ? "arm64" : os;
    }
    return new DpkgStatus(pkgs, arch);
  }

  @Override
  public List<Package> packages() {
    return packages;
  }

  @Override
  public String nativeArch() {
    return nativeArch;
  }
}
