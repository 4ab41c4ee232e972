package dev.strata.depsolve.repo;

import dev.strata.depsolve.model.MultiArch;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Debian control data ({@code Packages} indexes and dpkg's {@code status}) into packages.
 * Only the fields the solver needs are turned into strings. Not thread-safe.
 */
final class DebControl {
  private static final String[] FIELDS = {
    "Package", "Version", "Architecture", "Multi-Arch", "Essential", "Priority", "Depends",
    "Pre-Depends", "Recommends", "Conflicts", "Breaks", "Provides", "Filename", "Size", "SHA256",
    "Status"
  };
  private static final byte[][] FIELD_BYTES = new byte[FIELDS.length][];

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      FIELD_BYTES[i] = FIELDS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** @return the index of the field named by data[from, to), or -1; allocates nothing */
  private static int field(byte[] data, int from, int to) {
    int len = to - from;
    outer:
    for (int i = 0; i < FIELD_BYTES.length; i++) {
      byte[] f = FIELD_BYTES[i];
      if (f.length != len || f[0] != data[from]) {
        continue;
      }
      for (int k = 1; k < len; k++) {
        if (f[k] != data[from + k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private final Interner interner;
  private final DebRelations relations;

  DebControl(Interner interner) {
    this.interner = interner;
    this.relations = new DebRelations(interner);
  }

  /**
   * Parses every paragraph.
   *
   * @param data the file's bytes
   * @param repository the repository id given to each package
   * @param installedOnly true for dpkg status: keep only packages whose files are present
   * @param what the file name, for error messages
   * @return the packages, in file order
   */
  List<Package> parse(byte[] data, String repository, boolean installedOnly, String what) {
    List<Package> out = new ArrayList<>(installedOnly ? 256 : 70_000);
    String[] values = new String[FIELDS.length];
    int n = data.length;
    int pos = 0;
    int current = -1;
    StringBuilder cont = null;
    int line = 0;
    boolean any = false;
    while (pos <= n) {
      int eol = pos;
      while (eol < n && data[eol] != '\n') {
        eol++;
      }
      line++;
      int end = eol;
      if (end > pos && data[end - 1] == '\r') {
        end--;
      }
      if (end == pos) { // blank line or end of data: paragraph ends
        if (current >= 0 && cont != null) {
          values[current] = cont.toString();
        }
        if (any) {
          Package p = build(values, repository, installedOnly, what, line);
          if (p != null) {
            out.add(p);
          }
          java.util.Arrays.fill(values, null);
          any = false;
        }
        current = -1;
        cont = null;
      } else if (data[pos] == ' ' || data[pos] == '\t') {
        if (current >= 0) {
          if (cont == null) {
            cont = new StringBuilder(values[current]);
          }
          cont.append(' ').append(new String(data, pos, end - pos, StandardCharsets.UTF_8).trim());
        }
      } else if (data[pos] != '#') {
        if (current >= 0 && cont != null) {
          values[current] = cont.toString();
        }
        cont = null;
        int colon = pos;
        while (colon < end && data[colon] != ':') {
          colon++;
        }
        if (colon == end) {
          throw new IllegalArgumentException(what + " line " + line
              + ": not a 'Field: value' line; the file is corrupt, fetch it again");
        }
        int idx = field(data, pos, colon);
        any = true;
        if (idx < 0) {
          current = -1;
        } else {
          current = idx;
          int v = colon + 1;
          while (v < end && (data[v] == ' ' || data[v] == '\t')) {
            v++;
          }
          values[current] = new String(data, v, end - v, StandardCharsets.UTF_8);
        }
      }
      pos = eol + 1;
    }
    return out;
  }

  private Package build(String[] v, String repository, boolean installedOnly, String what, int line) {
    if (installedOnly) {
      String status = v[15];
      if (status == null) {
        return null;
      }
      String[] words = status.trim().split("\\s+");
      String state = words[words.length - 1];
      if (state.equals("not-installed") || state.equals("config-files")) {
        return null;
      }
    }
    if (v[0] == null || v[1] == null || v[2] == null) {
      throw new IllegalArgumentException(what + " paragraph ending at line " + line
          + ": Package, Version or Architecture missing; the file is corrupt, fetch it again");
    }
    Evr evr;
    try {
      evr = Evr.parse(v[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " package " + v[0] + ": " + e.getMessage());
    }
    Package.Builder b = Package.builder(VersionScheme.DEB, interner.intern(v[0]), evr,
        interner.intern(v[2]));
    b.repository(repository);
    if (v[3] != null) {
      switch (v[3].trim()) {
        case "same": b.multiArch(MultiArch.SAME); break;
        case "foreign": b.multiArch(MultiArch.FOREIGN); break;
        case "allowed": b.multiArch(MultiArch.ALLOWED); break;
        default: break;
      }
    }
    b.essential("yes".equals(v[4]));
    if (v[5] != null) {
      b.priority(priority(v[5].trim()));
    }
    try {
      List<dev.strata.depsolve.model.Dependency> pre = v[7] == null ? List.of() : relations.parseField(v[7]);
      List<dev.strata.depsolve.model.Dependency> dep = v[6] == null ? List.of() : relations.parseField(v[6]);
      if (pre.isEmpty()) {
        b.requires(dep, 0);
      } else {
        List<dev.strata.depsolve.model.Dependency> all = new ArrayList<>(pre);
        all.addAll(dep);
        b.requires(all, pre.size());
      }
      if (v[8] != null) {
        b.recommends(relations.parseField(v[8]));
      }
      if (v[9] != null) {
        b.conflicts(relations.parseField(v[9]));
      }
      if (v[10] != null) {
        b.breaks(relations.parseField(v[10]));
      }
      if (v[11] != null) {
        b.provides(relations.parseProvides(v[11]));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " package " + v[0] + ": " + e.getMessage()
          + "; the file is corrupt, fetch it again");
    }
    if (v[12] != null) {
      long size = 0;
      try {
        size = v[13] == null ? 0 : Long.parseLong(v[13].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " package " + v[0] + ": bad Size '" + v[13]
            + "'; the file is corrupt, fetch it again");
      }
      b.location(v[12], size, v[14]);
    }
    return b.build();
  }

  static int priority(String p) {
    switch (p) {
      case "required": return 0;
      case "important": return 1;
      case "standard": return 2;
      case "optional": return 3;
      default: return 4;
    }
  }
}
