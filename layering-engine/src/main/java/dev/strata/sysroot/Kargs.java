package dev.strata.sysroot;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel arguments in order, edited the way ostree's {@code OstreeKernelArgs} does it: a key may
 * occur several times ({@code console=tty0 console=ttyS0}); replacing a key drops all its
 * occurrences and puts the new one where the first was. Immutable.
 *
 * @param args the arguments ({@code KEY} or {@code KEY=VALUE}) in order
 */
public record Kargs(List<String> args) {
  /** Copies the list. */
  public Kargs {
    args = List.copyOf(args);
  }

  // equals and hashCode written out: a record's generated ones bootstrap method-handle machinery
  // on first use (a cold cost in every deploy); same results as the generated ones
  @Override
  public boolean equals(Object o) {
    return o instanceof Kargs k && args.equals(k.args);
  }

  @Override
  public int hashCode() {
    return args.hashCode();
  }

  /** No arguments. */
  public static Kargs empty() {
    return new Kargs(List.of());
  }

  /** Splits a command line on spaces (quotes keep spaces inside a value). */
  public static Kargs parse(String cmdline) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : cmdline.strip().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return new Kargs(out);
  }

  static String keyOf(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  /** The command line, arguments joined by single spaces. */
  @Override
  public String toString() {
    return String.join(" ", args);
  }

  /** All values of {@code key} (an argument without '=' gives null in the list). */
  public List<String> values(String key) {
    List<String> v = new ArrayList<>();
    for (String a : args) {
      if (keyOf(a).equals(key)) {
        int eq = a.indexOf('=');
        v.add(eq < 0 ? null : a.substring(eq + 1));
      }
    }
    return v;
  }

  /** Whether the key occurs. */
  public boolean contains(String key) {
    return args.stream().anyMatch(a -> keyOf(a).equals(key));
  }

  /** Appends an argument (keeps existing occurrences of the key). */
  public Kargs append(String arg) {
    List<String> l = new ArrayList<>(args);
    l.add(arg);
    return new Kargs(l);
  }

  /** Appends unless the key is present. */
  public Kargs appendIfMissing(String arg) {
    return contains(keyOf(arg)) ? this : append(arg);
  }

  /**
   * Replaces every occurrence of the key by {@code arg}, at the place of the first; appends when the
   * key is absent (ostree's {@code ostree_kernel_args_replace_take}).
   */
  public Kargs replace(String arg) {
    String key = keyOf(arg);
    List<String> l = new ArrayList<>();
    boolean placed = false;
    for (String a : args) {
      if (keyOf(a).equals(key)) {
        if (!placed) {
          l.add(arg);
          placed = true;
        }
      } else {
        l.add(a);
      }
    }
    if (!placed) {
      l.add(arg);
    }
    return new Kargs(l);
  }

  /**
   * rpm-ostree's {@code --replace}: {@code KEY=VALUE} replaces the single value of KEY; {@code
   * KEY=OLD=NEW} replaces the occurrence KEY=OLD by KEY=NEW.
   *
   * @throws IllegalArgumentException when the key is missing or ambiguous
   */
  public Kargs replaceValue(String spec) {
    String key = keyOf(spec);
    List<String> vals = values(key);
    String rest = spec.contains("=") ? spec.substring(key.length() + 1) : null;
    if (vals.isEmpty()) {
      throw new IllegalArgumentException(
          "kernel argument '" + key + "' is not set; use --append=" + spec + " to add it");
    }
    if (rest != null && rest.contains("=")) {
      String old = rest.substring(0, rest.indexOf('='));
      String nw = rest.substring(rest.indexOf('=') + 1);
      List<String> l = new ArrayList<>(args);
      int i = l.indexOf(key + "=" + old);
      if (i < 0) {
        throw new IllegalArgumentException(
            "kernel argument '" + key + "=" + old + "' is not set; see 'strata kargs' for the current arguments");
      }
      l.set(i, key + "=" + nw);
      return new Kargs(l);
    }
    if (vals.size() > 1) {
      throw new IllegalArgumentException(
          "kernel argument '" + key + "' has several values; use --replace=" + key + "=OLD=NEW");
    }
    return replace(spec);
  }

  /**
   * rpm-ostree's {@code --delete}: {@code KEY} removes a key that has one value, {@code KEY=VALUE}
   * removes that occurrence.
   *
   * @throws IllegalArgumentException when not found or ambiguous
   */
  public Kargs delete(String spec) {
    List<String> l = new ArrayList<>(args);
    if (spec.contains("=")) {
      if (!l.remove(spec)) {
        throw new IllegalArgumentException(
            "kernel argument '" + spec + "' is not set; see 'strata kargs' for the current arguments");
      }
      return new Kargs(l);
    }
    List<String> vals = values(spec);
    if (vals.isEmpty()) {
      throw new IllegalArgumentException(
          "kernel argument '" + spec + "' is not set; see 'strata kargs' for the current arguments");
    }
    if (vals.size() > 1) {
      throw new IllegalArgumentException(
          "kernel argument '" + spec + "' has several values; use --delete=" + spec + "=VALUE");
    }
    l.removeIf(a -> keyOf(a).equals(spec));
    return new Kargs(l);
  }

  /** A copy without any occurrence of the key. */
  public Kargs without(String key) {
    List<String> l = new ArrayList<>(args);
    l.removeIf(a -> keyOf(a).equals(key));
    return new Kargs(l);
  }
}
