package dev.strata.layering.scripts;

import dev.strata.sandbox.CopyUpLayer;
import dev.strata.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox view scripts get of a staging tree: the tree through the copy-up layer at
 * {@code /}, {@code /etc} from {@code usr/etc} in an ostree-style tree, {@code /var} read-only
 * except the package manager's state directories, tmpfs {@code /tmp}, {@code /run} and
 * {@code /var/tmp}, and a clean environment.
 */
final class TreeSandbox {
  private TreeSandbox() {}

  /**
   * @param root the staging tree
   * @param layer its copy-up layer (skeleton directories are added for the mount points)
   * @param rwState state directories (relative to the root, e.g. {@code var/lib/dpkg}) mapped to
   *     what is mounted there: a path of the root ({@code String}) bound read-write through the
   *     overlay, a host directory ({@code Path}) bound read-write, or null for a scratch tmpfs
   * @return a spec builder without argv
   */
  static SandboxSpec.Builder spec(Path root, CopyUpLayer layer, List<Object[]> rwState)
      throws IOException {
    SandboxSpec.Builder b = SandboxSpec.builder().root(root).copyUp(layer)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .env("DEBCONF_NONINTERACTIVE_SEEN", "true")
        .env("SYSTEMD_OFFLINE", "1");
    if (!isDir(root, "etc") && isDir(root, "usr/etc")) {
      layer.skeletonDir("etc");
      b.bindInRoot("usr/etc", "/etc", false);
    }
    if (!isDir(root, "var")) {
      layer.skeletonDir("var");
    }
    b.bindInRoot("var", "/var", true);
    if (!isDir(root, "var/tmp")) {
      layer.skeletonDir("var/tmp");
    }
    b.tmpfs("/var/tmp");
    for (Object[] s : rwState) {
      String rel = (String) s[0];
      if (!isDir(root, rel)) {
        layer.skeletonDir(rel);
      }
      if (s[1] instanceof String inRoot) {
        b.bindInRoot(inRoot, "/" + rel, false);
      } else if (s[1] instanceof Path host) {
        b.bind(host, "/" + rel);
      } else if (isDir(root, rel)) {
        b.bindInRoot(rel, "/" + rel, false);
      } else {
        b.tmpfs("/" + rel);
      }
    }
    return b;
  }

  static boolean isDir(Path root, String rel) {
    return Files.isDirectory(root.resolve(rel), LinkOption.NOFOLLOW_LINKS);
  }
}
