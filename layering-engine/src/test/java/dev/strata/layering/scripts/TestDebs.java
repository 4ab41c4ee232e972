package dev.strata.layering.scripts;

import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small .debs with maintainer scripts using the real {@code dpkg-deb -b}. */
final class TestDebs {
  private final String name;
  private final Map<String, String> files = new LinkedHashMap<>();
  private final Map<String, String> scripts = new LinkedHashMap<>();

  private TestDebs(String name) {
    this.name = name;
  }

  static TestDebs builder(String name) {
    return new TestDebs(name);
  }

  TestDebs file(String path, String content) {
    files.put(path, content);
    return this;
  }

  /** @param member preinst, postinst, triggers... (scripts get a /bin/sh shebang and set -e) */
  TestDebs control(String member, String body) {
    scripts.put(member, body);
    return this;
  }

  Path build(Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name + "-src"));
    Path debian = Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(debian.resolve("control"), "Package: " + name + "\nVersion: 1.0-1\n"
        + "Architecture: all\nMaintainer: Strata Tests <tests@strata.invalid>\n"
        + "Description: test package " + name + "\n");
    for (Map.Entry<String, String> s : scripts.entrySet()) {
      Path p = debian.resolve(s.getKey());
      boolean script = !s.getKey().equals("triggers") && !s.getKey().equals("conffiles");
      Files.writeString(p, script ? "#!/bin/sh\nset -e\n" + s.getValue() : s.getValue());
      if (script) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey().substring(1));
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    Path deb = dir.resolve(name + "_1.0-1_all.deb");
    HostTools.run("dpkg-deb", "--root-owner-group", "-Zgzip", "-b", root.toString(),
        deb.toString()).ok();
    return deb;
  }

  /**
   * Unpacks a .deb's files into a tree, as the layering overlay step would: through the tree's
   * merged-/usr symlinks ({@code /lib -> usr/lib}), never replacing them.
   */
  static void unpack(Path deb, Path tree) {
    HostTools.run("/bin/sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x "
        + "--keep-directory-symlink -C \"$2\"", "sh", deb.toString(), tree.toString()).ok();
  }
}
