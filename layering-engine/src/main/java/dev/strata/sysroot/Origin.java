package dev.strata.sysroot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's {@code .origin} file: a GLib key file saying where the deployment came from
 * ({@code [origin] refspec=...}) plus transient state such as {@code [libostree-transient]
 * pinned=true}. Groups and keys keep their order, so an origin written by ostree round-trips byte
 * for byte. Immutable.
 *
 * @param groups group name to its ordered keys and raw values
 */
public record Origin(Map<String, Map<String, String>> groups) {
  static final String ORIGIN = "origin";
  static final String TRANSIENT = "libostree-transient";

  /** Copies the map so the record stays immutable. */
  public Origin {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    groups.forEach((g, kv) -> copy.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(kv))));
    groups = Collections.unmodifiableMap(copy);
  }

  /**
   * The origin ostree writes for {@code ostree admin deploy REFSPEC}.
   *
   * @param refspec a ref ({@code REMOTE:REF} or {@code REF}) or a commit checksum
   * @return {@code [origin] refspec=REFSPEC}
   */
  public static Origin forRefspec(String refspec) {
    return new Origin(Map.of(ORIGIN, Map.of("refspec", refspec)));
  }

  /**
   * Parses a GLib key file.
   *
   * @param text the file content
   * @return the origin
   * @throws IllegalArgumentException when a line is neither a group, a key=value, a comment nor blank
   */
  public static Origin parse(String text) {
    Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    Map<String, String> current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        current = groups.computeIfAbsent(t.substring(1, t.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || current == null) {
        throw new IllegalArgumentException(
            "origin file line " + n + " is not a key file entry: '" + line + "'; fix or remove the .origin file");
      }
      current.put(line.substring(0, eq).strip(), line.substring(eq + 1).stripLeading());
    }
    return new Origin(groups);
  }

  /** The key file text, as GLib writes it (groups separated by a blank line). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (Map.Entry<String, Map<String, String>> g : groups.entrySet()) {
      if (!first) {
        sb.append('\n');
      }
      first = false;
      sb.append('[').append(g.getKey()).append("]\n");
      g.getValue().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    }
    return sb.toString();
  }

  /** A value, or null. */
  public String get(String group, String key) {
    Map<String, String> g = groups.get(group);
    return g == null ? null : g.get(key);
  }

  /** The {@code [origin] refspec}, or the {@code baserefspec} rpm-ostree writes, or null. */
  public String refspec() {
    String r = get(ORIGIN, "refspec");
    return r != null ? r : get(ORIGIN, "baserefspec");
  }

  /** Whether {@code [libostree-transient] pinned=true}. */
  public boolean pinned() {
    return "true".equals(get(TRANSIENT, "pinned"));
  }

  /** The {@code [origin] unlocked} value, or "none". */
  public String unlocked() {
    String u = get(ORIGIN, "unlocked");
    return u == null ? "none" : u;
  }

  /** A copy with {@code key} set ({@code value} null removes it; an emptied group is dropped). */
  public Origin with(String group, String key, String value) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    groups.forEach((g, kv) -> copy.put(g, new LinkedHashMap<>(kv)));
    if (value == null) {
      Map<String, String> g = copy.get(group);
      if (g != null) {
        g.remove(key);
        if (g.isEmpty()) {
          copy.remove(group);
        }
      }
    } else {
      copy.computeIfAbsent(group, k -> new LinkedHashMap<>()).put(key, value);
    }
    return new Origin(copy);
  }

  /** A copy pinned or unpinned, as {@code ostree admin pin} writes it. */
  public Origin withPinned(boolean pinned) {
    return with(TRANSIENT, "pinned", pinned ? "true" : null);
  }

  /** Group names in order. */
  public List<String> groupNames() {
    return new ArrayList<>(groups.keySet());
  }
}
