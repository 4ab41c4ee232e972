package dev.strata.pkgdb.dpkg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a package's {@code status} stanza the way dpkg does: its known fields in dpkg's own order
 * (lib/dpkg/parse.c), relation fields in canonical form, then the other fields in control-file
 * order.
 */
final class StatusStanza {
  private StatusStanza() {}

  /** dpkg's field order; {@code Status} and {@code Conffiles} are made here. */
  static final List<String> ORDER = List.of("Package", "Essential", "Protected", "Status",
      "Priority", "Section", "Installed-Size", "Origin", "Maintainer", "Bugs", "Architecture",
      "Multi-Arch", "Source", "Version", "Config-Version", "Replaces", "Provides", "Depends",
      "Pre-Depends", "Recommends", "Suggests", "Breaks", "Conflicts", "Enhances", "Conffiles",
      "Filename", "Size", "MD5sum", "MSDOS-Filename", "Description", "Triggers-Pending",
      "Triggers-Awaited");

  static final Set<String> RELATIONS = Set.of("Replaces", "Provides", "Depends", "Pre-Depends",
      "Recommends", "Suggests", "Breaks", "Conflicts", "Enhances");

  /** Fields a .deb's control file may carry that dpkg never copies into status. */
  static final Set<String> NOT_KEPT = Set.of("Status", "Conffiles", "Config-Version",
      "Filename", "Size", "MD5sum", "MSDOS-Filename", "Triggers-Pending", "Triggers-Awaited");

  static String format(DpkgPackage p, DpkgState state) {
    Map<String, String> f = new LinkedHashMap<>();
    p.control().forEach((k, v) -> {
      if (!NOT_KEPT.contains(k)) {
        f.put(k, v);
      }
    });
    f.put("Status", state.statusValue());
    if ("no".equals(f.get("Essential"))) {
      f.remove("Essential");
    }
    if ("no".equals(f.get("Protected"))) {
      f.remove("Protected");
    }
    if ("no".equals(f.get("Multi-Arch"))) {
      f.remove("Multi-Arch");
    }
    List<String> conf = p.conffiles();
    if (!conf.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (String c : conf) {
        String md5 = p.fileMd5().get(c);
        sb.append("\n ").append(c).append(' ').append(md5 == null ? "newconffile" : md5);
      }
      f.put("Conffiles", sb.toString());
    }
    StringBuilder out = new StringBuilder();
    for (String k : ORDER) {
      String v = f.remove(k);
      if (v != null) {
        append(out, k, RELATIONS.contains(k) ? relations(v) : v);
      }
    }
    f.forEach((k, v) -> append(out, k, v));
    return out.toString();
  }

  private static void append(StringBuilder out, String k, String v) {
    out.append(k).append(':');
    if (!v.isEmpty() && v.charAt(0) != '\n') {
      out.append(' ');
    }
    out.append(v).append('\n');
  }

  /** Canonical relation text: {@code a (>= 1), b | c:any (<< 2)}. */
  static String relations(String v) {
    List<String> groups = new ArrayList<>();
    for (String group : v.replace('\n', ' ').split(",")) {
      if (group.isBlank()) {
        continue;
      }
      List<String> alts = new ArrayList<>();
      for (String alt : group.split("\\|")) {
        alts.add(relation(alt.strip()));
      }
      groups.add(String.join(" | ", alts));
    }
    return String.join(", ", groups);
  }

  private static String relation(String r) {
    int paren = r.indexOf('(');
    if (paren < 0) {
      return r.replaceAll("\\s+", "");
    }
    String name = r.substring(0, paren).replaceAll("\\s+", "");
    int close = r.indexOf(')', paren);
    String inner = (close < 0 ? r.substring(paren + 1) : r.substring(paren + 1, close)).strip();
    int i = 0;
    while (i < inner.length() && "<>=".indexOf(inner.charAt(i)) >= 0) {
      i++;
    }
    String op = switch (inner.substring(0, i)) {
      case "<" -> "<=";
      case ">" -> ">=";
      default -> inner.substring(0, i);
    };
    return name + " (" + op + " " + inner.substring(i).strip() + ")";
  }
}
