package dev.strata.pkgdb.dpkg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What dpkg keeps of one .deb once it is unpacked: its control fields, the paths of its data
 * archive, its other control members (maintainer scripts, {@code md5sums}, {@code conffiles},
 * {@code triggers}, {@code shlibs}...) and the MD5 of each regular file.
 *
 * @param control the control fields in file order; values as written (the first line stripped,
 *     continuation lines appended after {@code \n} with their leading space)
 * @param paths the data archive's paths in archive order, absolute ({@code /} for the root entry,
 *     directories without trailing slash)
 * @param members the control.tar members other than {@code control}, by name
 * @param fileMd5 path to lowercase MD5 hex for every regular file (conffiles included)
 */
public record DpkgPackage(Map<String, String> control, List<String> paths,
    Map<String, byte[]> members, Map<String, String> fileMd5) {
  /** Checks the required fields and copies. */
  public DpkgPackage {
    for (String f : List.of("Package", "Version", "Architecture")) {
      if (control.getOrDefault(f, "").isBlank()) {
        throw new IllegalArgumentException("control field " + f + " is missing; give a "
            + "complete package");
      }
    }
    control = Collections.unmodifiableMap(new LinkedHashMap<>(control));
    paths = List.copyOf(paths);
    Map<String, byte[]> m = new LinkedHashMap<>();
    members.forEach((k, v) -> {
      if (k.equals("control") || k.contains("/") || k.contains(".") || k.isEmpty()) {
        throw new IllegalArgumentException("control member '" + k + "' cannot be installed into "
            + "dpkg's info directory; rebuild the package");
      }
      m.put(k, v.clone());
    });
    members = Collections.unmodifiableMap(m);
    fileMd5 = Collections.unmodifiableMap(new LinkedHashMap<>(fileMd5));
  }

  /** @return the package name */
  public String name() {
    return control.get("Package");
  }

  /** @return the architecture */
  public String arch() {
    return control.get("Architecture");
  }

  /** @return the version as written */
  public String version() {
    return control.get("Version");
  }

  /** @return true for {@code Multi-Arch: same}, whose info files are named NAME:ARCH.* */
  public boolean multiArchSame() {
    return "same".equals(control.get("Multi-Arch"));
  }

  /** @return the name dpkg uses for info files: NAME, or NAME:ARCH for Multi-Arch: same */
  public String infoName() {
    return multiArchSame() ? name() + ":" + arch() : name();
  }

  /** @return the conffile paths from the {@code conffiles} member, in order */
  public List<String> conffiles() {
    List<String> out = new ArrayList<>();
    byte[] b = members.get("conffiles");
    if (b != null) {
      for (String line : new String(b, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (!t.isEmpty()) {
          out.add(t.split("\\s+")[0]);
        }
      }
    }
    return out;
  }
}
