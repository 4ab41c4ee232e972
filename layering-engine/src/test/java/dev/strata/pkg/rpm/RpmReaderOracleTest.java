package dev.strata.pkg.rpm;

import dev.strata.depsolve.model.Op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.HostTools;
import dev.strata.pkg.FileType;
import dev.strata.pkg.Package;
import dev.strata.pkg.PackageArchive;
import dev.strata.pkg.PackageFile;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.Relation;
import dev.strata.pkg.RelationKind;
import dev.strata.pkg.Script;
import dev.strata.pkg.ScriptKind;
import dev.strata.pkg.TestRpms;
import dev.strata.pkg.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RPMs built by {@code rpmbuild} with gzip, xz and zstd payloads, scripts, triggers, a %config
 * file, a %ghost, a symlink and a hardlink pair read exactly as {@code rpm -qp --qf} shows them.
 */
class RpmReaderOracleTest {
  @TempDir Path tmp;

  private String qf(Path rpm, String fmt) {
    return HostTools.run("rpm", "-qp", "--dbpath", tmp.resolve("db").toString(), "--qf", fmt,
        rpm.toString()).ok().stdout();
  }

  @ParameterizedTest
  @CsvSource({"w9.gzdio,gzip", "w6.xzdio,xz", "w19.zstdio,zstd"})
  void testRpmbuildPackage_equalsRpmQuery(String payload, String compressor) throws Exception {
    Path rpm = TestRpms.rpmbuild(tmp, payload);
    Package p = PackageArchive.read(rpm);
    PackageHeader h = p.header();
    assertEquals(compressor, h.payloadCompression());
    assertEquals(qf(rpm, "%{NAME}\n%{EPOCH}\n%{VERSION}\n%{RELEASE}\n%{ARCH}\n%{PAYLOADCOMPRESSOR}\n"),
        h.name() + "\n" + h.version().epoch() + "\n" + h.version().version() + "\n"
            + h.version().release() + "\n" + h.arch() + "\n" + h.payloadCompression() + "\n");
    assertEquals(qf(rpm, "%{SUMMARY}\n%{DESCRIPTION}\n%{LICENSE}\n"),
        h.fields().get("Summary") + "\n" + h.fields().get("Description") + "\n"
            + h.fields().get("License") + "\n");

    for (Map.Entry<RelationKind, String> k : Map.of(RelationKind.REQUIRES, "REQUIRE",
        RelationKind.PROVIDES, "PROVIDE", RelationKind.CONFLICTS, "CONFLICT",
        RelationKind.OBSOLETES, "OBSOLETE", RelationKind.RECOMMENDS, "RECOMMEND",
        RelationKind.SUGGESTS, "SUGGEST", RelationKind.SUPPLEMENTS, "SUPPLEMENT",
        RelationKind.ENHANCES, "ENHANCE").entrySet()) {
      String t = k.getValue();
      String expected = qf(rpm, "[%{" + t + "NAME}\t%{" + t + "FLAGS}\t%{" + t + "VERSION}\n]");
      StringBuilder ours = new StringBuilder();
      for (Relation r : h.relations(k.getKey())) {
        Relation.Alternative a = r.alternatives().get(0);
        ours.append(a.name()).append('\t').append(a.rpmFlags()).append('\t').append(a.version())
            .append('\n');
      }
      assertEquals(expected, ours.toString(), t);
      assertTrue(!expected.isEmpty(), "the spec has " + t);
    }
    Relation sug = h.relations(RelationKind.SUGGESTS).get(0);
    assertEquals(Op.GT, sug.alternatives().get(0).op());

    String files = qf(rpm, "[%{FILENAMES}\t%{FILEMODES}\t%{FILEUSERNAME}\t%{FILEGROUPNAME}\t"
        + "%{FILESIZES}\t%{FILEDIGESTS}\t%{FILELINKTOS}\t%{FILEFLAGS}\t%{FILEINODES}\t%{FILEMTIMES}\n]");
    String[] lines = files.split("\n");
    assertEquals(lines.length, p.files().size());
    Map<String, Integer> groupOfInode = new java.util.HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String[] c = lines[i].split("\t", -1);
      PackageFile f = p.files().get(i);
      assertEquals(c[0], f.path());
      assertEquals(Integer.parseInt(c[1]), f.statMode(), f.path());
      assertEquals(c[2], f.owner());
      assertEquals(c[3], f.group());
      if (f.type() == FileType.REGULAR) {
        assertEquals(Long.parseLong(c[4]), f.size(), f.path());
        assertEquals(c[5].isEmpty() ? "" : "sha256:" + c[5], f.digest(), f.path());
      }
      if (f.type() == FileType.SYMLINK) {
        assertEquals(c[6], f.linkTarget());
      }
      assertEquals((Integer.parseInt(c[7]) & 1) != 0, f.config(), f.path());
      if (f.hardlinkGroup() != 0) {
        Integer g = groupOfInode.putIfAbsent(c[8], f.hardlinkGroup());
        assertEquals(g == null ? f.hardlinkGroup() : g, f.hardlinkGroup());
      }
      assertEquals(Long.parseLong(c[9]), f.mtime());
    }
    PackageFile a = find(p, "/usr/share/strata/a");
    PackageFile b = find(p, "/usr/share/strata/b");
    assertNotEquals(0, a.hardlinkGroup());
    assertEquals(a.hardlinkGroup(), b.hardlinkGroup());
    assertEquals(04755, find(p, "/usr/bin/strata-hello").mode());
    assertEquals(List.of("/etc/strata.conf"), h.conffiles());

    String[][] scripts = {{"PRETRANS", "PRETRANS"}, {"PREIN", "PRE_INSTALL"},
        {"POSTIN", "POST_INSTALL"}, {"PREUN", "PRE_REMOVE"}, {"POSTUN", "POST_REMOVE"},
        {"POSTTRANS", "POSTTRANS"}};
    for (String[] s : scripts) {
      Script ours = h.scripts().stream().filter(x -> x.kind() == ScriptKind.valueOf(s[1]))
          .findFirst().orElseThrow();
      assertEquals(qf(rpm, "%{" + s[0] + "}"), ours.body(), s[0]);
      assertEquals(qf(rpm, "%{" + s[0] + "PROG}"), String.join(" ", ours.interpreter()), s[0]);
    }
    String trig = qf(rpm, "[%{TRIGGERNAME}\t%{TRIGGERFLAGS}\t%{TRIGGERVERSION}\n]");
    List<String> ourTrig = new ArrayList<>();
    for (Trigger t : h.triggers()) {
      ourTrig.add(t.target() + "\t" + t.kind() + "\t" + t.version() + "\t" + t.body() + "\t"
          + t.interpreter());
    }
    assertEquals(2, h.triggers().size(), trig);
    assertEquals(List.of("bash\ttriggerin\t5\techo trig\t[/bin/sh]",
        "coreutils\ttriggerpostun\t\techo trig2\t[/bin/bash]"), ourTrig);
    assertEquals(qf(rpm, "[%{TRIGGERSCRIPTS}\n]"),
        h.triggers().get(0).body() + "\n" + h.triggers().get(1).body() + "\n");
  }

  private static PackageFile find(Package p, String path) {
    return p.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }
}
