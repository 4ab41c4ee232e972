package dev.strata.pkgdb.dpkg;

import dev.strata.pkgdb.InstalledPackage;
import dev.strata.pkgdb.PackageFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the installed packages of a Debian tree from dpkg's admin directory: the {@code status}
 * file and each package's {@code info/NAME[:ARCH].list}.
 *
 * <p>Only packages whose status is {@code installed} count; packages left in {@code config-files}
 * or half-installed states are not part of the tree's installed set.
 */
public final class DpkgDatabase {
  private DpkgDatabase() {}

  /**
   * Reads the installed packages.
   *
   * @param adminDir dpkg's admin directory, e.g. {@code TREE/var/lib/dpkg}
   * @return the installed packages in status-file order
   * @throws IOException when the status file is missing or malformed
   */
  public static List<InstalledPackage> read(Path adminDir) throws IOException {
    Path status = adminDir.resolve("status");
    if (!Files.isRegularFile(status)) {
      throw new IOException("no dpkg status file at " + status + "; is this a Debian tree?");
    }
    List<InstalledPackage> out = new ArrayList<>();
    for (Map<String, String> st : parseStanzas(status)) {
      String name = st.get("Package");
      String statusField = st.getOrDefault("Status", "");
      if (name == null || !statusField.endsWith(" installed")) {
        continue;
      }
      String version = st.get("Version");
      if (version == null) {
        throw new IOException("package " + name + " in " + status + " has no Version field; "
            + "repair the dpkg database");
      }
      String arch = st.getOrDefault("Architecture", "");
      String[] evr = InstalledPackage.splitDebianVersion(version);
      List<String> requires = new ArrayList<>(split(st.get("Pre-Depends")));
      requires.addAll(split(st.get("Depends")));
      out.add(new InstalledPackage(PackageFormat.DEB, name, parseEpoch(evr[0], name, status), evr[1], evr[2],
          arch, split(st.get("Provides")), requires, files(adminDir, name, arch)));
    }
    return out;
  }

  /**
   * Parses a deb822 control file (dpkg status, Packages) into stanzas; continuation lines are
   * joined with newlines.
   *
   * @param file the file
   * @return one map per stanza, fields in file order
   * @throws IOException when the file cannot be read
   */
  public static List<Map<String, String>> parseStanzas(Path file) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, String> cur = new LinkedHashMap<>();
      String lastKey = null;
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          if (!cur.isEmpty()) {
            out.add(cur);
            cur = new LinkedHashMap<>();
          }
          lastKey = null;
        } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
          if (lastKey == null) {
            throw new IOException(file + " line " + lineNo + ": continuation line without a field; "
                + "repair the file");
          }
          cur.put(lastKey, cur.get(lastKey) + "\n" + line.substring(1));
        } else {
          int colon = line.indexOf(':');
          if (colon <= 0) {
            throw new IOException(file + " line " + lineNo + ": not a 'Field: value' line; repair the file");
          }
          lastKey = line.substring(0, colon);
          cur.put(lastKey, line.substring(colon + 1).trim());
        }
      }
      if (!cur.isEmpty()) {
        out.add(cur);
      }
    }
    return out;
  }

  private static int parseEpoch(String epoch, String name, Path status) throws IOException {
    try {
      return Integer.parseInt(epoch);
    } catch (NumberFormatException e) {
      throw new IOException("package " + name + " in " + status + " has a bad epoch '" + epoch
          + "'; repair the dpkg database", e);
    }
  }

  private static List<String> split(String rel) {
    List<String> out = new ArrayList<>();
    if (rel == null) {
      return out;
    }
    for (String part : rel.replace('\n', ' ').split(",")) {
      String t = part.trim().replaceAll("\\s+", " ");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> files(Path adminDir, String name, String arch) throws IOException {
    Path info = adminDir.resolve("info");
    Path list = info.resolve(name + ":" + arch + ".list");
    if (!Files.isRegularFile(list)) {
      list = info.resolve(name + ".list");
    }
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(list)) {
      for (String l : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        if (!l.isEmpty() && !l.equals("/.")) {
          out.add(l);
        }
      }
    }
    return out;
  }
}
