package dev.strata.sysroot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code os-release} the way ostree does to title boot entries. */
final class OsRelease {
  private OsRelease() {}

  /** PRETTY_NAME, else ID, of {@code usr/lib/os-release} (else {@code etc/os-release}), else "(Untitled)". */
  static String title(Path tree) throws IOException {
    Path f = tree.resolve("usr/lib/os-release");
    if (!Files.exists(f)) {
      f = tree.resolve("etc/os-release");
    }
    Map<String, String> v = new HashMap<>();
    if (Files.isRegularFile(f)) {
      v = parse(Files.readString(f, StandardCharsets.UTF_8));
    }
    String t = v.get("PRETTY_NAME");
    if (t == null) {
      t = v.get("ID");
    }
    return t == null ? "(Untitled)" : t;
  }

  static Map<String, String> parse(String text) {
    Map<String, String> m = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq <= 0) {
        continue;
      }
      m.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return m;
  }

  /** Shell unquoting of one word: single quotes literal, double quotes with backslash escapes. */
  static String unquote(String s) {
    StringBuilder sb = new StringBuilder();
    char q = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (q == 0 && (c == '"' || c == '\'')) {
        q = c;
      } else if (q != 0 && c == q) {
        q = 0;
      } else if (c == '\\' && q != '\'' && i + 1 < s.length()) {
        sb.append(s.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
