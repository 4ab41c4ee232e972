package dev.strata.sysroot;

import dev.strata.fixtures.HostTools;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The real {@code ostree} binary on one repository: makes input commits and reads refs for checks. */
final class OstreeCliRepository {
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

  /** Refs below {@code prefix} as the real ostree lists them, name to checksum. */
  Map<String, String> refs(String prefix) {
    Map<String, String> m = new LinkedHashMap<>();
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    HostTools.Result res = ostree("refs", "--list", p);
    if (res.exitCode() != 0) {
      return m;
    }
    for (String r : res.stdout().split("\n")) {
      if (!r.isBlank()) {
        m.put(r.strip(), ostree("rev-parse", r.strip()).ok().stdout().strip());
      }
    }
    return m;
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
