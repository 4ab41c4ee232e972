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

  /** Edits the tree before it is committed. */
  interface Edit {
    void apply(Path tree) throws IOException;
  }

  static String deploy(SysrootFixture sys) throws IOException {
    return deploy(sys, t -> { });
  }

  static String deploy(SysrootFixture sys, Edit edit) throws IOException {
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
    // a shell and /bin/true from the host (with libc and the loader), so that scripts can run
    Path lib = Files.createDirectories(t.resolve("usr/lib/x86_64-linux-gnu"));
    Files.copy(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), lib.resolve("libc.so.6"));
    Files.copy(Path.of("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"), lib.resolve("ld-linux-x86-64.so.2"));
    Files.createDirectories(t.resolve("usr/lib64"));
    Files.createSymbolicLink(t.resolve("usr/lib64/ld-linux-x86-64.so.2"),
        Path.of("../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
    Files.createSymbolicLink(t.resolve("lib"), Path.of("usr/lib"));
    Files.createSymbolicLink(t.resolve("lib64"), Path.of("usr/lib64"));
    Files.createSymbolicLink(t.resolve("sbin"), Path.of("usr/sbin"));
    Files.createDirectories(t.resolve("usr/sbin"));
    Files.copy(Path.of("/bin/dash"), t.resolve("usr/bin/sh"));
    Files.copy(Path.of("/bin/true"), t.resolve("usr/bin/true"));
    edit.apply(t);
    Repo repo = Repo.open(sys.root.resolve("ostree/repo"));
    String c = repo.newCommit().tree(t).branch(REF).metadataString("version", "1").call().checksum().hex();
    sys.strata("admin", "deploy", "--os=testos", REF).ok();
    return c;
  }
}
