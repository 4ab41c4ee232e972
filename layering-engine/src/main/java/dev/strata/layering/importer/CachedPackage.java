package dev.strata.layering.importer;

import dev.strata.store.Checksum;
import dev.strata.store.Commit;
import dev.strata.store.gvariant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A package imported into the package cache: its commit and what layering needs later without
 * reading the package file again (identity, control data, scripts, file list). Immutable.
 *
 * @param commit the cache commit
 * @param format {@code deb} or {@code rpm}
 * @param name the package name
 * @param epoch the epoch ("0" when absent)
 * @param version the (upstream) version
 * @param release the release or Debian revision ("" for native packages)
 * @param arch the architecture
 * @param fileSha256 SHA-256 of the package file it came from
 * @param control Debian control fields as written in the package ("" for RPM)
 * @param scripts the maintainer scripts (kind, interpreter, body)
 * @param triggers Debian trigger directives (lines of the triggers file)
 * @param files the package's own absolute paths, in archive order
 * @param conffiles configuration file paths (as the package names them)
 * @param md5sums Debian md5sums content (path relative to /), "" for RPM
 * @param provides provided capabilities, as written
 * @param requires required relations, as written
 * @param owners entries whose owner is not root: (stored path, user, group)
 * @param signedBy the id (16 hex digits) of the key whose OpenPGP signature on the package file
 *     was checked before import, or "" when none was (source without gpgcheck, local file)
 */
public record CachedPackage(
    Checksum commit,
    String format,
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    String fileSha256,
    String control,
    List<ScriptText> scripts,
    List<String> triggers,
    List<String> files,
    List<String> conffiles,
    String md5sums,
    List<String> provides,
    List<String> requires,
    List<List<String>> owners,
    String signedBy) {

  /** One maintainer script. */
  public record ScriptText(String kind, String interpreter, String body) {}

  /** Copies the lists. */
  public CachedPackage {
    scripts = List.copyOf(scripts);
    triggers = List.copyOf(triggers);
    files = List.copyOf(files);
    conffiles = List.copyOf(conffiles);
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    owners = List.copyOf(owners);
  }

  /** @return {@code [epoch:]version[-release]} */
  public String evr() {
    return ("0".equals(epoch) || epoch.isEmpty() ? "" : epoch + ":") + version
        + (release.isEmpty() ? "" : "-" + release);
  }

  /** @return {@code name-evr.arch} */
  public String nevra() {
    return name + "-" + evr() + "." + arch;
  }

  static final String PREFIX = "strata.pkg.";

  /** The commit metadata that stores this value (everything but the commit itself). */
  Map<String, Variant> toMetadata() {
    Map<String, Variant> m = new java.util.LinkedHashMap<>();
    m.put(PREFIX + "format", Variant.ofString(format));
    m.put(PREFIX + "name", Variant.ofString(name));
    m.put(PREFIX + "epoch", Variant.ofString(epoch));
    m.put(PREFIX + "version", Variant.ofString(version));
    m.put(PREFIX + "release", Variant.ofString(release));
    m.put(PREFIX + "arch", Variant.ofString(arch));
    m.put(PREFIX + "sha256", Variant.ofString(fileSha256));
    m.put(PREFIX + "control", Variant.ofString(control));
    List<Object> s = new ArrayList<>();
    for (ScriptText t : scripts) {
      s.add(List.of(t.kind(), t.interpreter(), t.body()));
    }
    m.put(PREFIX + "scripts", new Variant("a(sss)", s));
    m.put(PREFIX + "triggers", new Variant("as", triggers));
    m.put(PREFIX + "files", new Variant("as", files));
    m.put(PREFIX + "conffiles", new Variant("as", conffiles));
    m.put(PREFIX + "md5sums", Variant.ofString(md5sums));
    m.put(PREFIX + "provides", new Variant("as", provides));
    m.put(PREFIX + "requires", new Variant("as", requires));
    List<Object> o = new ArrayList<>(owners);
    m.put(PREFIX + "owners", new Variant("a(sss)", o));
    m.put(PREFIX + "signed-by", Variant.ofString(signedBy));
    m.put(PREFIX + "unpack-version", new Variant("u", PackageImporter.UNPACK_VERSION));
    return m;
  }

  /**
   * Reads the value back from a cache commit.
   *
   * @param checksum the commit's checksum
   * @param c the commit
   * @return the value, or null when the commit is not a current package cache commit
   */
  @SuppressWarnings("unchecked")
  public static CachedPackage fromCommit(Checksum checksum, Commit c) {
    Map<String, Variant> m = c.metadata();
    Variant uv = m.get(PREFIX + "unpack-version");
    if (uv == null || ((Number) uv.value()).intValue() != PackageImporter.UNPACK_VERSION) {
      return null;
    }
    List<ScriptText> scripts = new ArrayList<>();
    for (Object o : (List<Object>) m.get(PREFIX + "scripts").value()) {
      List<Object> t = (List<Object>) o;
      scripts.add(new ScriptText((String) t.get(0), (String) t.get(1), (String) t.get(2)));
    }
    List<List<String>> owners = new ArrayList<>();
    for (Object o : (List<Object>) m.get(PREFIX + "owners").value()) {
      owners.add(((List<Object>) o).stream().map(String.class::cast).toList());
    }
    return new CachedPackage(checksum, str(m, "format"), str(m, "name"), str(m, "epoch"),
        str(m, "version"), str(m, "release"), str(m, "arch"), str(m, "sha256"), str(m, "control"),
        scripts, strs(m, "triggers"), strs(m, "files"), strs(m, "conffiles"), str(m, "md5sums"),
        strs(m, "provides"), strs(m, "requires"), owners,
        m.containsKey(PREFIX + "signed-by") ? str(m, "signed-by") : "");
  }

  private static String str(Map<String, Variant> m, String k) {
    return (String) m.get(PREFIX + k).value();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strs(Map<String, Variant> m, String k) {
    return ((List<Object>) m.get(PREFIX + k).value()).stream().map(String.class::cast).toList();
  }
}
