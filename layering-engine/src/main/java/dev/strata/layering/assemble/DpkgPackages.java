package dev.strata.layering.assemble;

import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkgdb.dpkg.DpkgAdmin;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.pkgdb.dpkg.DpkgState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns cached Debian packages into what dpkg keeps of them ({@link DpkgPackage}), from the cache
 * commit's metadata alone, and records them in a staged tree's dpkg database.
 */
public final class DpkgPackages {
  private static final Map<String, String> SCRIPT_MEMBERS = Map.of(
      "PRE_INSTALL", "preinst", "POST_INSTALL", "postinst", "PRE_REMOVE", "prerm",
      "POST_REMOVE", "postrm", "CONFIG", "config");

  private DpkgPackages() {}

  /** @return the dpkg view of a cached .deb */
  public static DpkgPackage of(CachedPackage p) {
    Map<String, String> control = new LinkedHashMap<>();
    String key = null;
    for (String line : p.control().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && key != null) {
        control.put(key, control.get(key) + "\n" + line);
      } else {
        int c = line.indexOf(':');
        key = line.substring(0, c);
        control.put(key, line.substring(c + 1).strip());
      }
    }
    List<String> paths = new ArrayList<>();
    for (String f : p.files()) {
      paths.add(f.equals("/.") ? "/" : f);
    }
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (CachedPackage.ScriptText s : p.scripts()) {
      String m = SCRIPT_MEMBERS.get(s.kind());
      if (m != null) {
        members.put(m, s.body().getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.conffiles().isEmpty()) {
      members.put("conffiles", (String.join("\n", p.conffiles()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!p.triggers().isEmpty()) {
      members.put("triggers", (String.join("\n", p.triggers()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> md5 = new LinkedHashMap<>();
    for (String line : p.md5sums().split("\n")) {
      if (line.length() > 34) {
        md5.put("/" + line.substring(34), line.substring(0, 32));
      }
    }
    return new DpkgPackage(control, paths, members, md5);
  }

  /**
   * Records {@code pkgs} as installed in the dpkg database of the staged tree {@code root}
   * ({@code usr/share/dpkg/database}); the files are written new and renamed, never edited
   * through a hardlink. A no-op for trees without a dpkg database.
   */
  public static void recordInstalled(Path root, List<CachedPackage> pkgs) throws IOException {
    Path admin = root.resolve(PackageDbWriter.DPKG_DB);
    if (!Files.isRegularFile(admin.resolve("status"))) {
      return;
    }
    DpkgAdmin a = DpkgAdmin.open(admin).unsynced(); // a staging tree: its commit syncs it
    for (CachedPackage p : pkgs) {
      if (p.format().equals("deb")) {
        a.install(of(p), DpkgState.INSTALLED);
      }
    }
    a.write(admin);
  }
}
