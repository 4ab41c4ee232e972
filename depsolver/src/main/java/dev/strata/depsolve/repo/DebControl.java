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
    List<Package> out = new ArrayList<>();
    walk(data, 0, data.length, what, p -> {
      Package pkg = build(p, repository, installedOnly, what);
      if (pkg != null) {
        out.add(pkg);
      }
    });
    return out;
  }

  /** Receives each paragraph of a walk; the paragraph is only valid during the call. */
  interface ParagraphSink {
    void paragraph(Paragraph p);
  }

  /**
   * One paragraph of control data as ranges of the file's bytes: values are turned into strings
   * only when asked for. Reused from one paragraph to the next.
   */
  static final class Paragraph {
    private final byte[] data;
    /** Per field of {@link #FIELDS}: where its value starts and its first line ends, -1 when absent. */
    private final int[] from = new int[FIELDS.length];
    private final int[] to = new int[FIELDS.length];
    /** Per field: the end of its last continuation line, -1 when none. */
    private final int[] contTo = new int[FIELDS.length];
    /** Per field: where the field's name starts (the start of its first line). */
    private final int[] lineFrom = new int[FIELDS.length];
    private int endLine;

    Paragraph(byte[] data) {
      this.data = data;
      clear();
    }

    private void clear() {
      java.util.Arrays.fill(from, -1);
      java.util.Arrays.fill(contTo, -1);
    }

    /** @return the line number just after the paragraph, for messages */
    int endLine() {
      return endLine;
    }

    /** @return whether field {@code f} (an index into {@link #FIELDS}) is present */
    boolean has(int f) {
      return from[f] >= 0;
    }

    /** @return field {@code f}'s value with continuation lines joined by single spaces, or null */
    String value(int f) {
      if (from[f] < 0) {
        return null;
      }
      String first = new String(data, from[f], to[f] - from[f], StandardCharsets.UTF_8);
      if (contTo[f] < 0) {
        return first;
      }
      StringBuilder sb = new StringBuilder(first);
      int pos = lineEnd(data, to[f], contTo[f]) + 1;
      while (pos < contTo[f]) {
        int eol = lineEnd(data, pos, contTo[f]);
        int end = eol > pos && data[eol - 1] == '\r' ? eol - 1 : eol;
        if (data[pos] == ' ' || data[pos] == '\t') {
          sb.append(' ').append(new String(data, pos, end - pos, StandardCharsets.UTF_8).trim());
        }
        pos = eol + 1;
      }
      return sb.toString();
    }

    /** @return how many bytes {@link #copyFields} writes */
    int fieldsLength() {
      int n = 1;
      for (int f = 0; f < FIELDS.length; f++) {
        if (from[f] >= 0) {
          n += Math.max(to[f], contTo[f]) - lineFrom[f] + 1;
        }
      }
      return n;
    }

    /**
     * Copies the lines of the fields the solver reads (each with its continuation lines) to
     * {@code out} at {@code pos}, as a paragraph that parses to the same package, ending with an
     * empty line.
     *
     * @return the position after the copy
     */
    int copyFields(java.nio.ByteBuffer out, int pos) {
      for (int f = 0; f < FIELDS.length; f++) {
        if (from[f] >= 0) {
          int len = Math.max(to[f], contTo[f]) - lineFrom[f];
          out.put(pos, data, lineFrom[f], len);
          pos += len;
          out.put(pos++, (byte) '\n');
        }
      }
      out.put(pos++, (byte) '\n');
      return pos;
    }
  }

  private static int lineEnd(byte[] data, int pos, int limit) {
    int eol = pos;
    while (eol < limit && data[eol] != '\n') {
      eol++;
    }
    return eol;
  }

  /**
   * Walks the paragraphs of {@code data[start, limit)}, checking that every line is a field line,
   * a continuation line or a comment.
   *
   * @throws IllegalArgumentException when a line is malformed
   */
  static void walk(byte[] data, int start, int limit, String what, ParagraphSink sink) {
    Paragraph para = new Paragraph(data);
    int pos = start;
    int current = -1;
    int line = 0;
    boolean any = false;
    while (pos <= limit) {
      int eol = lineEnd(data, pos, limit);
      line++;
      int end = eol;
      if (end > pos && data[end - 1] == '\r') {
        end--;
      }
      if (end == pos) { // blank line or end of data: paragraph ends
        if (any) {
          para.endLine = line;
          sink.paragraph(para);
          para.clear();
          any = false;
        }
        current = -1;
      } else if (data[pos] == ' ' || data[pos] == '\t') {
        if (current >= 0) {
          para.contTo[current] = end;
        }
      } else if (data[pos] != '#') {
        int colon = pos;
        while (colon < end && data[colon] != ':') {
          colon++;
        }
        if (colon == end) {
          throw new IllegalArgumentException(what + " line " + line
              + ": not a 'Field: value' line; the file is corrupt, fetch it again");
        }
        current = field(data, pos, colon);
        any = true;
        if (current >= 0) {
          int v = colon + 1;
          while (v < end && (data[v] == ' ' || data[v] == '\t')) {
            v++;
          }
          para.lineFrom[current] = pos;
          para.from[current] = v;
          para.to[current] = end;
          para.contTo[current] = -1;
        }
      }
      pos = eol + 1;
    }
  }

  /**
   * Turns one paragraph into a package.
   *
   * @return the package, or null for a dpkg status entry whose files are not installed
   * @throws IllegalArgumentException when the paragraph is malformed
   */
  Package build(Paragraph p, String repository, boolean installedOnly, String what) {
    String[] v = new String[FIELDS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = p.value(i);
    }
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
    requireIdentity(p, what);
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

  /**
   * @return the paragraph's Provides, as {@link #build} gives them
   * @throws IllegalArgumentException when the field is malformed
   */
  List<dev.strata.depsolve.model.Relation> provides(Paragraph p, String what) {
    if (!p.has(11)) {
      return List.of();
    }
    try {
      return relations.parseProvides(p.value(11));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " package " + p.value(0) + ": " + e.getMessage()
          + "; the file is corrupt, fetch it again");
    }
  }

  /** @throws IllegalArgumentException when Package, Version or Architecture is missing */
  static void requireIdentity(Paragraph p, String what) {
    if (!p.has(0) || !p.has(1) || !p.has(2)) {
      throw new IllegalArgumentException(what + " paragraph ending at line " + p.endLine()
          + ": Package, Version or Architecture missing; the file is corrupt, fetch it again");
    }
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
