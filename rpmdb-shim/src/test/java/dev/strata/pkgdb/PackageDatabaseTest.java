package dev.strata.pkgdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.pkgdb.dpkg.DpkgDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDatabaseTest {
  @TempDir Path tmp;

  private static InstalledPackage deb(String name, String version) {
    String[] v = InstalledPackage.splitDebianVersion(version);
    return new InstalledPackage(PackageFormat.DEB, name, Integer.parseInt(v[0]), v[1], v[2], "amd64",
        List.of(name + "-virtual (= " + version + ")"), List.of("libc6 (>= 2.34)"),
        List.of("/usr/bin/" + name, "/usr/share/doc/" + name));
  }

  @Test
  void testCreate_minbaseEqualsDpkgQuery() throws IOException {
    Path admin = DebianArchive.minbase().resolve("var/lib/dpkg");
    List<InstalledPackage> pkgs = DpkgDatabase.read(admin);
    Path db = tmp.resolve("packages.mv.db");
    PackageDatabase.create(db, pkgs);

    String oracle = HostTools.run("dpkg-query", "--admindir=" + admin, "-W",
        "-f=${Package} ${Version} ${Architecture}\\n").ok().stdout();
    TreeSet<String> expected = new TreeSet<>(oracle.lines().collect(Collectors.toList()));
    TreeSet<String> actual = new TreeSet<>();
    try (PackageDatabase pdb = PackageDatabase.open(db)) {
      for (InstalledPackage p : pdb.packages()) {
        actual.add(p.name() + " " + p.evr() + " " + p.arch());
      }
      assertEquals(expected, actual);
      String bashFiles = HostTools.run("dpkg-query", "--admindir=" + admin, "-L", "bash").ok().stdout();
      List<String> expectedFiles = new ArrayList<>(bashFiles.lines().filter(l -> !l.equals("/.")).toList());
      assertEquals(expectedFiles, pdb.find("bash").get(0).files());
      assertEquals("bash", pdb.ownersOf("/bin/bash").get(0).name());
      assertEquals("apt", pdb.providers("apt-transport-https").get(0).name());
    }
  }

  @Test
  void testUpdate_writesACopyAndLeavesHardlinkedOriginalUntouched() throws IOException {
    Path db = tmp.resolve("packages.mv.db");
    PackageDatabase.create(db, List.of(deb("base", "1.0-1")));
    Path objectLink = tmp.resolve("object.file");
    Files.createLink(objectLink, db);
    byte[] before = Files.readAllBytes(objectLink);

    PackageDatabase.update(db, e -> e.add(deb("strace", "6.1-0.1")));

    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(objectLink)),
        "the hardlinked original must not change");
    assertEquals(1, Files.getAttribute(db, "unix:nlink"));
    try (PackageDatabase pdb = PackageDatabase.open(db)) {
      assertEquals(List.of("base", "strace"), pdb.packages().stream().map(InstalledPackage::name).toList());
      InstalledPackage s = pdb.find("strace").get(0);
      assertEquals("6.1-0.1", s.evr());
      assertEquals(List.of("strace-virtual (= 6.1-0.1)"), s.provides());
    }
  }

  @Test
  void testUpdate_failingEditLeavesOriginal() throws IOException {
    Path db = tmp.resolve("packages.mv.db");
    PackageDatabase.create(db, List.of(deb("base", "1:2.0~rc1-3")));
    byte[] before = Files.readAllBytes(db);
    IOException e = assertThrows(IOException.class, () -> PackageDatabase.update(db, ed -> {
      ed.add(deb("half", "1"));
      throw new IOException("script failed");
    }));
    assertEquals("script failed", e.getMessage());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)));
    try (var s = Files.list(tmp)) {
      assertEquals(List.of("packages.mv.db"), s.map(p -> p.getFileName().toString()).toList());
    }
    try (PackageDatabase pdb = PackageDatabase.open(db)) {
      InstalledPackage p = pdb.find("base").get(0);
      assertEquals(1, p.epoch());
      assertEquals("2.0~rc1", p.version());
      assertEquals("3", p.release());
      assertEquals(0, pdb.find("half").size());
    }
  }

  @Test
  void testRemove_dropsPackageAndItsFiles() throws IOException {
    Path db = tmp.resolve("packages.mv.db");
    PackageDatabase.create(db, List.of(deb("a", "1"), deb("b", "2")));
    PackageDatabase.update(db, e -> assertEquals(1, e.remove("a", null)));
    try (PackageDatabase pdb = PackageDatabase.open(db)) {
      assertEquals(List.of("b"), pdb.packages().stream().map(InstalledPackage::name).toList());
      assertEquals(0, pdb.ownersOf("/usr/bin/a").size());
    }
  }

  @Test
  void testOpen_missingDatabaseSaysWhatToDo() {
    IOException e = assertThrows(IOException.class, () -> PackageDatabase.open(tmp.resolve("none.mv.db")));
    assertTrue(e.getMessage().contains("; import the base tree first"), e.getMessage());
  }

  @Test
  void testCapabilityName_keepsRpmParenthesesAndStripsDebianQualifiers() {
    assertEquals("foo", SqlEditor.capabilityName("foo (= 1.0)"));
    assertEquals("foo", SqlEditor.capabilityName("foo:any"));
    assertEquals("perl(Foo::Bar)", SqlEditor.capabilityName("perl(Foo::Bar) = 1.2"));
    assertEquals("libc.so.6(GLIBC_2.34)(64bit)", SqlEditor.capabilityName("libc.so.6(GLIBC_2.34)(64bit)"));
    assertEquals("/bin/sh", SqlEditor.capabilityName("/bin/sh"));
  }
}
