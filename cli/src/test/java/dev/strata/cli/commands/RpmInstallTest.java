package dev.strata.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageDatabase;
import dev.strata.pkgdb.PackageFormat;
import dev.strata.store.Repo;
import dev.strata.store.TreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "RPM": on a base with an RPM package database, a package whose %post appends to a file
 * under /usr and writes /etc; the base object stays unchanged, the new deployment has the changes.
 */
class RpmInstallTest {
  private static final String SPEC = """
      %define __os_install_post %{nil}
      %define _build_id_links none
      Name: appender
      Version: 1.0
      Release: 1
      Summary: appends in post
      License: MIT
      BuildArch: noarch
      %description
      appends in post
      %install
      mkdir -p %{buildroot}/usr/share/appender
      echo data > %{buildroot}/usr/share/appender/data
      %files
      /usr/share/appender
      %post
      echo "appended by appender $1" >> /usr/bin/tool
      echo "written by appender" > /etc/appender.conf
      """;

  @TempDir Path tmp;

  @AfterEach
  void unlock() throws Exception {
    SysrootFixture.unlock(tmp);
  }

  @Test
  void testRpmPostAppendsUnderUsrAndWritesEtc_baseObjectUnchanged() throws Exception {
    HostTools.require("rpmbuild");
    SysrootFixture sys = new SysrootFixture(tmp);
    String base = TinyDebianBase.deploy(sys, tree -> {
      DebianLayerFixture.deleteTree(tree.resolve("usr/share/dpkg"));
      Files.createDirectories(tree.resolve("usr/lib/strata"));
      // the %post needs /bin/sh (rpmbuild adds Requires(post): /bin/sh); the base's shell provides it
      PackageDatabase.create(tree.resolve("usr/lib/strata/packages.mv.db"), List.of(new InstalledPackage(
          PackageFormat.RPM, "filesystem", 0, "3.18", "1", "x86_64", List.of(), List.of(),
          List.of("/usr/bin/tool")), new InstalledPackage(PackageFormat.RPM, "bash", 0, "5.2", "1",
          "x86_64", List.of("/bin/sh"), List.of(), List.of("/usr/bin/sh"))));
    });
    Path top = Files.createDirectories(tmp.resolve("rpm"));
    Files.writeString(top.resolve("appender.spec"), SPEC);
    HostTools.run("rpmbuild", "-bb", "--define", "_topdir " + top, "--dbpath", top.resolve("db").toString(),
        top.resolve("appender.spec").toString()).ok();
    Path rpm = top.resolve("RPMS/noarch/appender-1.0-1.noarch.rpm");

    Repo repo = Repo.open(sys.root.resolve("ostree/repo"));
    TreeReader t = repo.treeReader(repo.resolve(base));
    Path object = repo.objectPath(t.lookup("/usr/bin/tool").checksum(), dev.strata.store.ObjectType.FILE);
    String objectBefore = Files.readString(object);

    SysrootFixture.Run r = sys.strata("install", rpm.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(objectBefore, Files.readString(object));
    HostTools.run("ostree", "fsck", "--repo=" + sys.root.resolve("ostree/repo")).ok();
    Path d = sys.root.resolve("ostree/deploy/testos/deploy/" + sys.ostreeStatus().get(0));
    assertEquals(objectBefore + "appended by appender 1\n", Files.readString(d.resolve("usr/bin/tool")));
    assertEquals("written by appender\n", Files.readString(d.resolve("usr/etc/appender.conf")));
    assertEquals("written by appender\n", Files.readString(d.resolve("etc/appender.conf")));
    try (PackageDatabase db = PackageDatabase.open(d.resolve("usr/lib/strata/packages.mv.db"))) {
      assertTrue(db.packages().stream().anyMatch(p -> p.name().equals("appender") && p.format() == PackageFormat.RPM));
    }
  }
}
