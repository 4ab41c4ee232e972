package dev.strata.sysroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.compose.ImportReport;
import dev.strata.compose.TreeImport;
import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.store.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A debootstrap bookworm minbase, imported and deployed, works as it will boot. */
class DebianMinbaseDeployTest {
  @TempDir Path tmp;

  @AfterEach
  void unlock() throws IOException {
    TestSysroot.unlockDeployments(tmp);
  }

  @Test
  void testImportedMinbase_deployed_shellAndDpkgWork_andOstreeReadsIt() throws IOException {
    Path tree = tmp.resolve("tree");
    HostTools.run("cp", "-a", DebianArchive.minbase().toString(), tree.toString()).ok();
    Path k = Files.createDirectories(tree.resolve("usr/lib/modules/6.1.0-test"));
    Files.writeString(k.resolve("vmlinuz"), "FAKE KERNEL\n");
    Files.writeString(k.resolve("initramfs.img"), "FAKE INITRD\n");
    List<String> packages = HostTools.run("dpkg-query", "--admindir=" + tree.resolve("var/lib/dpkg"), "-W")
        .ok().stdout().lines().toList();

    TestSysroot s = TestSysroot.create(tmp.resolve("sys"));
    Repo repo = Repo.open(s.root.resolve("ostree/repo"));
    Path staging = s.root.resolve("ostree/repo/tmp/import");
    ImportReport report = TreeImport.prepare(tree, staging);
    assertEquals(8, report.devicesDropped(), "debootstrap's /dev nodes");
    assertEquals("6.1.0-test", report.kernel());
    assertTrue(report.tmpfilesLines().contains("L /var/lib/dpkg - - - - ../../usr/share/dpkg/database"),
        report.tmpfilesLines().toString());
    String csum = repo.newCommit().tree(staging).branch("debian/bookworm").metadataString("version", "12")
        .call().checksum().hex();
    DebianArchive.deleteTree(staging);

    Sysroot sr = s.open();
    Deployment d = sr.deploy(TestSysroot.OS, "debian/bookworm", null, Kargs.parse("root=LABEL=root rw"));
    assertEquals(csum, d.checksum());
    Path dep = sr.deploymentDirectory(d);
    Path var = s.root.resolve("ostree/deploy/" + TestSysroot.OS + "/var");
    for (String link : List.of("home", "opt", "srv", "root", "mnt")) {
      assertTrue(Files.isSymbolicLink(dep.resolve(link)), link);
    }
    assertEquals("../var/usrlocal", Files.readSymbolicLink(dep.resolve("usr/local")).toString());
    assertTrue(Files.isRegularFile(dep.resolve("etc/passwd")));
    assertTrue(Files.isRegularFile(dep.resolve("usr/etc/passwd")));

    String script = "set -e; mount --bind " + var + " " + dep.resolve("var")
        + "; systemd-tmpfiles --root=" + dep + " --create --prefix=/var"
        + "; chroot " + dep + " /bin/sh -c 'echo ok'"
        + "; chroot " + dep + " dpkg-query -W"
        + "; chroot " + dep + " /bin/sh -c 'test -f /root/.bashrc && echo roothome'";
    HostTools.Result r = HostTools.run("unshare", "-m", "--propagation", "private", "sh", "-c", script).ok();
    List<String> out = r.stdout().lines().toList();
    assertEquals("ok", out.get(0));
    assertEquals(packages, out.subList(1, 1 + packages.size()), "dpkg-query lists the base's packages");
    assertEquals("roothome", out.get(out.size() - 1));
    assertTrue(packages.size() > 80, packages.size() + " packages");
    assertEquals("../../usr/share/dpkg/database", Files.readSymbolicLink(var.resolve("lib/dpkg")).toString());

    String status = HostTools.run("ostree", "admin", "status", "--sysroot=" + s.root).ok().stdout();
    assertTrue(status.contains(TestSysroot.OS + " " + csum + ".0"), status);
    assertTrue(status.contains("Version: 12"), status);
  }
}
