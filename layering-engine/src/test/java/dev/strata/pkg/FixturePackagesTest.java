package dev.strata.pkg;

import dev.strata.depsolve.model.Op;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.TestDeb;
import dev.strata.fixtures.TestRpm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages from the fixtures kit read back with the metadata and contents they were built with. */
class FixturePackagesTest {
  @TempDir Path tmp;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> contents(Path pkg) throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (PackageArchive a = PackageArchive.open(pkg); PayloadStream p = a.payload()) {
      for (PayloadEntry e; (e = p.next()) != null; ) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        e.data().transferTo(b);
        out.put(e.file().path(), b.toByteArray());
      }
    }
    return out;
  }

  @Test
  void testTestDeb_readsBack() throws Exception {
    for (String compression : List.of("gzip", "xz", "bzip2", "none")) {
      Path deb = TestDeb.builder("foo").version("2:1.0-3").arch("amd64").depends("bar (>= 1) | baz")
          .preDepends("libc6").breaks("old (<< 1)").provides("foo-cap (= 1)")
          .file("/usr/bin/foo", bytes("#!/bin/sh\necho foo\n"), 0755).dir("/var/lib/foo")
          .symlink("/usr/bin/f", "foo").conffile("/etc/foo.conf", bytes("x=1\n"))
          .postinst("#!/bin/bash -e\necho hi\n").triggers("interest-noawait /usr/share/foo\n")
          .compression(compression).build(tmp);
      Package p = PackageArchive.read(deb);
      PackageHeader h = p.header();
      assertEquals(new PackageVersion("2", "1.0", "3"), h.version());
      assertEquals("bar (>= 1) | baz", h.relations(RelationKind.REQUIRES).get(0).toDebian());
      assertEquals("libc6", h.relations(RelationKind.PRE_DEPENDS).get(0).toDebian());
      assertEquals("old (<< 1)", h.relations(RelationKind.BREAKS).get(0).toDebian());
      assertEquals(List.of("/etc/foo.conf"), h.conffiles());
      assertEquals(List.of("/bin/bash", "-e"), h.scripts().get(0).interpreter());
      assertEquals(ScriptKind.POST_INSTALL, h.scripts().get(0).kind());
      assertEquals("interest-noawait", h.triggers().get(0).kind());
      assertEquals(compression, h.payloadCompression());
      PackageFile conf = p.files().stream().filter(f -> f.path().equals("/etc/foo.conf"))
          .findFirst().orElseThrow();
      assertTrue(conf.config());
      assertTrue(conf.digest().startsWith("md5:"), conf.digest());
      assertArrayEquals(bytes("#!/bin/sh\necho foo\n"), contents(deb).get("/usr/bin/foo"));
    }
  }

  @Test
  void testTestRpm_readsBack() throws Exception {
    Path rpm = TestRpm.builder("foo").version("1.0").release("2").requires("bar >= 1")
        .provides("foo-cap = 1.0").file("/usr/bin/foo", bytes("#!/bin/sh\n"), 0755)
        .configFile("/etc/foo.conf", bytes("x=1\n"), 0644).symlink("/usr/bin/f", "foo")
        .post("echo hi\n").build(tmp);
    Package p = PackageArchive.read(rpm);
    assertEquals("foo", p.header().name());
    assertEquals(new PackageVersion("0", "1.0", "2"), p.header().version());
    assertTrue(p.header().relations(RelationKind.REQUIRES).stream()
        .anyMatch(r -> r.alternatives().get(0).name().equals("bar")
            && r.alternatives().get(0).op() == Op.GE));
    assertEquals(List.of("/etc/foo.conf"), p.header().conffiles());
    assertArrayEquals(bytes("x=1\n"), contents(rpm).get("/etc/foo.conf"));
  }
}
