package dev.strata.layering.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.sandbox.HardlinkedBase;
import dev.strata.store.Checksum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The layering transaction's script step, fed from package-cache records. */
class SandboxScriptPhaseTest {
  @AfterAll
  static void repositoryUntouched() {
    HardlinkedBase.fsck();
  }

  /** What the package cache keeps of a .deb (as the importer records it). */
  private static CachedPackage cached(Path deb) throws Exception {
    DpkgPackage d = DebianPackages.read(deb);
    StringBuilder control = new StringBuilder();
    d.control().forEach((k, v) -> control.append(k).append(": ").append(v).append('\n'));
    List<CachedPackage.ScriptText> scripts = new ArrayList<>();
    Map<String, String> kinds = Map.of("preinst", "PRE_INSTALL", "postinst", "POST_INSTALL");
    kinds.forEach((m, k) -> {
      if (d.members().containsKey(m)) {
        scripts.add(new CachedPackage.ScriptText(k, "/bin/sh",
            new String(d.members().get(m), StandardCharsets.UTF_8)));
      }
    });
    List<String> triggers = new ArrayList<>();
    for (String[] t : dev.strata.pkgdb.dpkg.DpkgAdmin.directives(d.members().get("triggers"))) {
      triggers.add(t[0] + " " + t[1]);
    }
    List<String> files = new ArrayList<>();
    d.paths().forEach(p -> files.add(p.equals("/") ? "/." : p));
    StringBuilder md5 = new StringBuilder();
    d.fileMd5().forEach((p, h) -> md5.append(h).append("  ").append(p.substring(1)).append('\n'));
    String[] v = d.version().split("-");
    return new CachedPackage(Checksum.sha256(deb.toString().getBytes()), "deb", d.name(), "0",
        v[0], v.length > 1 ? v[1] : "", d.arch(), "0".repeat(64), control.toString(), scripts,
        triggers, files, d.conffiles(), md5.toString(), List.of(), List.of(), List.of(), "");
  }

  @Test
  void testCachedDebs_scriptsAndDpkgDatabase() throws Exception {
    List<Path> debs = DebianArchive.download("libunwind8", "strace");
    Path tree = HardlinkedBase.checkout("phase");
    Files.move(tree.resolve("etc"), tree.resolve("usr/etc"));
    Files.move(tree.resolve("var/lib/dpkg"), tree.resolve(DebianPackages.IMPORTED_ADMIN_DIR));
    List<CachedPackage> pkgs = new ArrayList<>();
    for (Path deb : debs) {
      TestDebs.unpack(deb, tree);
      pkgs.add(cached(deb));
    }
    List<String> log = new ArrayList<>();
    new SandboxScriptPhase().run(tree, pkgs, log::add);
    assertTrue(log.contains("Running postinst triggered ldconfig of libc-bin"), log.toString());
    Path admin = tree.resolve(DebianPackages.IMPORTED_ADMIN_DIR);
    assertEquals("install ok installed", HostTools.run(List.of("dpkg-query", "--admindir="
        + admin, "-W", "-f=${Status}", "strace"), null, Map.of(),
        java.time.Duration.ofMinutes(1)).ok().stdout());
    assertEquals(Files.readString(DebianArchive.minbase().resolve("var/lib/dpkg/info/bash.list")),
        Files.readString(admin.resolve("info/bash.list")));
    assertTrue(Files.readString(admin.resolve("info/strace.list")).startsWith("/.\n/usr\n"));
    assertTrue(new String(Files.readAllBytes(tree.resolve("usr/etc/ld.so.cache")),
        StandardCharsets.ISO_8859_1).contains("libunwind.so.8"));
    try (var s = Files.list(tree.getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".strata-scripts")),
          "scratch removed");
    }
  }
}
