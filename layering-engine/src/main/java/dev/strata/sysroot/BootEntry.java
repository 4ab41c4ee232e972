package dev.strata.sysroot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Boot Loader Specification entry ({@code boot/loader.N/entries/ostree-V-OS.conf}): ordered
 * {@code key value} lines. ostree writes {@code title}, {@code version}, {@code options}, {@code
 * linux}, {@code initrd} in that order. Immutable.
 *
 * @param lines the key/value pairs in file order
 */
public record BootEntry(List<Map.Entry<String, String>> lines) {
  /** Copies the list. */
  public BootEntry {
    lines = List.copyOf(lines);
  }

  /** Parses an entry file: each line is a key, whitespace, and the rest of the line as the value. */
  public static BootEntry parse(String text) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int sp = indexOfSpace(t);
      String key = sp < 0 ? t : t.substring(0, sp);
      String value = sp < 0 ? "" : t.substring(sp + 1).strip();
      lines.add(Map.entry(key, value));
    }
    return new BootEntry(lines);
  }

  private static int indexOfSpace(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isWhitespace(t.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The file text, {@code key value\n} per line. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : lines) {
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  /** The value of the first line with this key, or null. */
  public String get(String key) {
    for (Map.Entry<String, String> e : lines) {
      if (e.getKey().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The {@code options} line as kernel arguments (empty when missing). */
  public Kargs options() {
    String o = get("options");
    return Kargs.parse(o == null ? "" : o);
  }
}
