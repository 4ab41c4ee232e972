package dev.strata.layering.scripts;

import dev.strata.layering.ScriptPhase;
import dev.strata.layering.importer.CachedPackage;
import dev.strata.pkg.PackageFormat;
import dev.strata.pkg.PackageHeader;
import dev.strata.pkg.PackageVersion;
import dev.strata.pkg.Script;
import dev.strata.pkg.ScriptKind;
import dev.strata.pkgdb.dpkg.DpkgPackage;
import dev.strata.sandbox.Sandbox;
import dev.strata.sandbox.bwrap.BwrapSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The layering transaction's script step on top of {@link ScriptRunner}: package-cache entries
 * become dpkg records or RPM headers, the scripts run sandboxed over a copy-up layer (scratch next
 * to the staging tree, on its file system), and for Debian trees dpkg's database is written.
 * Thread-safe (each call uses its own runner).
 */
public final class SandboxScriptPhase implements ScriptPhase {
  private static final Map<String, String> DEB_MEMBERS = Map.of(
      "PRE_INSTALL", "preinst", "POST_INSTALL", "postinst", "PRE_REMOVE", "prerm",
      "POST_REMOVE", "postrm", "CONFIG", "config");

  private final Sandbox sandbox;
  private final Duration timeout;

  /** Uses bubblewrap and a 15-minute limit per script. */
  public SandboxScriptPhase() {
    this(new BwrapSandbox(), Duration.ofMinutes(15));
  }

  /**
   * @param sandbox the sandbox
   * @param timeout the limit per script
   */
  public SandboxScriptPhase(Sandbox sandbox, Duration timeout) {
    this.sandbox = sandbox;
    this.timeout = timeout;
  }

  @Override
  public void run(Path root, List<CachedPackage> added, Consumer<String> log) throws IOException {
    if (added.isEmpty()) {
      return;
    }
    Path scratch = root.toAbsolutePath().getParent().resolve(".strata-scripts-"
        + root.getFileName());
    ScriptRunner runner = new ScriptRunner(sandbox, scratch).timeout(timeout).progress(log);
    List<DpkgPackage> debs = new ArrayList<>();
    List<PackageHeader> rpms = new ArrayList<>();
    for (CachedPackage p : added) {
      if (p.format().equals("deb")) {
        debs.add(dpkgPackage(p));
      } else {
        rpms.add(rpmHeader(p));
      }
    }
    if (!debs.isEmpty() && !rpms.isEmpty()) {
      throw new IOException("cannot layer .deb and RPM packages together ("
          + debs.get(0).name() + ", " + rpms.get(0).name() + "); layer one format");
    }
    ScriptReport r = debs.isEmpty() ? runner.runRpm(root, rpms) : runner.runDeb(root, debs);
    java.nio.file.Files.deleteIfExists(scratch);
    log.accept("Scripts: " + r.ran().size() + " run, " + r.changed().size() + " paths changed");
  }

  /**
   * @param p a cached .deb
   * @return what dpkg's database keeps of it
   */
  public static DpkgPackage dpkgPackage(CachedPackage p) {
    Map<String, String> control = new LinkedHashMap<>();
    String key = null;
    for (String line : p.control().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
        control.put(key, control.get(key) + "\n" + line);
      } else if (line.indexOf(':') > 0) {
        key = line.substring(0, line.indexOf(':'));
        control.put(key, line.substring(line.indexOf(':') + 1).strip());
      }
    }
    List<String> paths = new ArrayList<>();
    for (String f : p.files()) {
      paths.add(f.equals("/.") ? "/" : f);
    }
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (CachedPackage.ScriptText s : p.scripts()) {
      String m = DEB_MEMBERS.get(s.kind());
      if (m != null) {
        members.put(m, s.body().getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.conffiles().isEmpty()) {
      members.put("conffiles", lines(p.conffiles()));
    }
    if (!p.triggers().isEmpty()) {
      members.put("triggers", lines(p.triggers()));
    }
    Map<String, String> md5 = new LinkedHashMap<>();
    for (String line : p.md5sums().split("\n")) {
      if (line.length() > 34 && line.charAt(32) == ' ') {
        md5.put("/" + line.substring(34).replaceFirst("^/+", ""), line.substring(0, 32));
      }
    }
    return new DpkgPackage(control, paths, members, md5);
  }

  /**
   * @param p a cached RPM
   * @return a header carrying its identity and scriptlets
   */
  public static PackageHeader rpmHeader(CachedPackage p) {
    List<Script> scripts = new ArrayList<>();
    for (CachedPackage.ScriptText s : p.scripts()) {
      List<String> interp = s.interpreter().isBlank() ? List.of()
          : List.of(s.interpreter().strip().split("\\s+"));
      scripts.add(new Script(ScriptKind.valueOf(s.kind()), interp, s.body()));
    }
    return new PackageHeader(PackageFormat.RPM, p.name(), new PackageVersion(
        "0".equals(p.epoch()) ? "" : p.epoch(), p.version(), p.release()), p.arch(), Map.of(),
        Map.of(), scripts, List.of(), p.conffiles(), "none");
  }

  private static byte[] lines(List<String> l) {
    return (String.join("\n", l) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
