package dev.strata.cli.commands;

import dev.strata.store.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small Debian-like base for fast layering tests: stand-in kernel, users, a dpkg database with
 * one package ({@code base-files}, owning {@code /usr/bin/tool}), a symlink {@code /etc/os-release}
 * and {@code /usr/local} as a link into /var. Committed to {@code testos/stable} and deployed.
 */
final class TinyDebianBase {
  static final String REF = "testos/stable";

  private TinyDebianBase() {}

  static String deploy(SysrootFixture sys) throws IOException {
    Path t = sys.scratch.resolve("tiny-" + System.nanoTime());
    Path k = Files.createDirectories(t.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(k.resolve("vmlinuz"), "FAKE KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "FAKE INITRD\n");
    Files.writeString(t.resolve("usr/lib/os-release"), "PRETTY_NAME=\"Tiny Debian\"\nID=debian\n");
    Path etc = Files.createDirectories(t.resolve("usr/etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1::/:/bin/false\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\ndaemon:x:1:\n");
    Files.createSymbolicLink(etc.resolve("os-release"), Path.of("../usr/lib/os-release"));
    Files.createDirectories(t.resolve("usr/bin"));
    Files.writeString(t.resolve("usr/bin/tool"), "base tool\n");
    Files.createSymbolicLink(t.resolve("usr/local"), Path.of("../var/usrlocal"));
    Path db = Files.createDirectories(t.resolve("usr/share/dpkg/database/info"));
    Files.writeString(db.getParent().resolve("status"), "Package: base-files\nStatus: install ok installed\n"
        + "Priority: required\nMaintainer: Tests <t@strata.invalid>\nArchitecture: amd64\n"
        + "Version: 12.4\nDescription: base\n\nPackage: dpkg\nStatus: install ok installed\n"
        + "Maintainer: Tests <t@strata.invalid>\nArchitecture: amd64\nVersion: 1.21.22\nDescription: dpkg\n\n");
    Files.writeString(db.resolve("base-files.list"), "/.\n/usr\n/usr/bin\n/usr/bin/tool\n");
    Files.writeString(db.resolve("dpkg.list"), "/.\n");
    Files.createDirectories(t.resolve("var"));
    Files.createSymbolicLink(t.resolve("bin"), Path.of("usr/bin"));
    Repo repo = Repo.open(sys.root.resolve("ostree/repo"));
    String c = repo.newCommit().tree(t).branch(REF).metadataString("version", "1").call().checksum().hex();
    sys.strata("admin", "deploy", "--os=testos", REF).ok();
    return c;
  }
}
