package dev.strata.layering;

import dev.strata.sysroot.Origin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What a deployment should be: a base refspec plus the packages requested on top of it. The
 * origin file is its serialised form ({@code [origin] baserefspec=}, {@code [packages]
 * requested=a;b;} and {@code requested-local=SHA256:NEVRA;}), as rpm-ostree writes it; a spec with
 * no packages is a pure deployment ({@code refspec=}). Immutable.
 *
 * @param baseRefspec the base ref (or checksum) the deployment follows
 * @param requested requested package names, sorted, no duplicates
 * @param requestedLocal local package files as {@code SHA256:NEVRA}, sorted
 */
public record LayeringSpec(String baseRefspec, List<String> requested, List<String> requestedLocal) {
  /** Sorts and copies the lists. */
  public LayeringSpec {
    requested = List.copyOf(new TreeSet<>(requested));
    requestedLocal = List.copyOf(new TreeSet<>(requestedLocal));
  }

  /** @return whether any package is requested */
  public boolean layered() {
    return !requested.isEmpty() || !requestedLocal.isEmpty();
  }

  /**
   * Reads the spec from a deployment's origin.
   *
   * @param o the origin
   * @return the spec
   * @throws LayeringException when the origin names no refspec
   */
  public static LayeringSpec fromOrigin(Origin o) throws LayeringException {
    String ref = o.refspec();
    if (ref == null) {
      throw new LayeringException("the deployment's origin has no refspec or baserefspec;"
          + " redeploy a ref with 'strata admin deploy REF'");
    }
    return new LayeringSpec(ref, split(o.get("packages", "requested")),
        split(o.get("packages", "requested-local")));
  }

  private static List<String> split(String v) {
    List<String> l = new ArrayList<>();
    if (v != null) {
      for (String s : v.split(";")) {
        if (!s.isBlank()) {
          l.add(s.strip());
        }
      }
    }
    return l;
  }

  /**
   * The origin for this spec, keeping the other groups and keys of {@code old}.
   *
   * @param old the merge deployment's origin, or null
   * @return the new origin
   */
  public Origin toOrigin(Origin old) {
    Origin o = old == null ? new Origin(java.util.Map.of()) : old;
    o = o.with("origin", "refspec", null).with("origin", "baserefspec", null)
        .with("packages", "requested", null).with("packages", "requested-local", null);
    if (!layered()) {
      return o.with("origin", "refspec", baseRefspec);
    }
    o = o.with("origin", "baserefspec", baseRefspec);
    if (!requested.isEmpty()) {
      o = o.with("packages", "requested", join(requested));
    }
    if (!requestedLocal.isEmpty()) {
      o = o.with("packages", "requested-local", join(requestedLocal));
    }
    return o;
  }

  private static String join(Collection<String> l) {
    StringBuilder sb = new StringBuilder();
    l.forEach(s -> sb.append(s).append(';'));
    return sb.toString();
  }

  /** @return a copy with more requested names */
  public LayeringSpec plus(Collection<String> names, Collection<String> local) {
    List<String> r = new ArrayList<>(requested);
    r.addAll(names);
    List<String> l = new ArrayList<>(requestedLocal);
    l.addAll(local);
    return new LayeringSpec(baseRefspec, r, l);
  }

  /** @return a copy without the given names and local entries */
  public LayeringSpec minus(Collection<String> names, Collection<String> localEntries) {
    List<String> r = new ArrayList<>(requested);
    r.removeAll(names);
    List<String> l = new ArrayList<>(requestedLocal);
    l.removeAll(localEntries);
    return new LayeringSpec(baseRefspec, r, l);
  }
}
