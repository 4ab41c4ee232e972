package dev.strata.sysroot;

import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link SysrootRepository} over the real {@code ostree} binary, for tests that need commits and
 * checkouts made by the reference implementation.
 */
final class OstreeCliRepository implements SysrootRepository {
  private final Path repo;

  OstreeCliRepository(Path repo) {
    this.repo = repo;
  }

  private HostTools.Result ostree(String... args) {
    String[] cmd = new String[args.length + 2];
    cmd[0] = HostTools.require("ostree").toString();
    cmd[1] = "--repo=" + repo;
    System.arraycopy(args, 0, cmd, 2, args.length);
    return HostTools.run(cmd);
  }

  @Override
  public String resolve(String refOrChecksum) throws IOException {
    HostTools.Result r = ostree("rev-parse", refOrChecksum);
    if (r.exitCode() != 0) {
      throw new IOException("no ref or commit '" + refOrChecksum + "' in " + repo + "; check the name");
    }
    return r.stdout().strip();
  }

  @Override
  public CommitInfo commitInfo(String checksum) throws IOException {
    String out = ostree("show", checksum).ok().stdout();
    String version = null;
    long ts = 0;
    for (String line : out.split("\n")) {
      if (line.startsWith("Version: ")) {
        version = line.substring(9).strip();
      } else if (line.startsWith("Date: ")) {
        ts =
            OffsetDateTime.parse(line.substring(6).strip(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z"))
                .toEpochSecond();
      }
    }
    return new CommitInfo(version, ts);
  }

  @Override
  public void checkout(String checksum, Path destination) throws IOException {
    ostree("checkout", checksum, destination.toString()).ok();
  }

  @Override
  public Map<String, String> refs(String prefix) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    HostTools.Result res = ostree("refs", "--list", p);
    if (res.exitCode() != 0) {
      return m;
    }
    for (String r : res.stdout().split("\n")) {
      if (!r.isBlank() && r.startsWith(prefix)) {
        m.put(r.strip(), resolve(r.strip()));
      }
    }
    return m;
  }

  @Override
  public void setRef(String name, String checksum) throws IOException {
    if (checksum == null) {
      ostree("refs", "--delete", name).ok();
    } else {
      ostree("refs", "--force", "--create=" + name, checksum).ok();
    }
  }

  /** Commits a directory tree with the real ostree; returns the checksum. */
  String commit(String branch, Path tree, String version) {
    return ostree(
            "commit",
            "-b",
            branch,
            "--tree=dir=" + tree,
            "--add-metadata-string=version=" + version,
            "--timestamp=2024-01-01T00:00:00Z")
        .ok()
        .stdout()
        .strip();
  }
}
