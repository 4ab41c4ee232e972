package dev.strata.pkgdiff;

import dev.strata.depsolve.version.VersionScheme;
import dev.strata.pkgdiff.PackageList.Package;
import dev.strata.store.util.Strcmp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The package changes from one package list to another, as rpm-ostree's {@code db diff} reports
 * them: each package is added, removed, upgraded or downgraded, its versions compared by the
 * packaging format's own order (dpkg's or rpm's, from the depsolver).
 *
 * <p>Packages are matched by name. Where a name has several architectures on either side
 * (multiarch, multilib) they are matched by name and architecture, and an unmatched one counts as
 * added or removed. A package whose version is unchanged but whose architecture changed counts as
 * removed and added. Changes are sorted by type, then name, then architecture. Immutable.
 *
 * @param changes the changes, sorted
 */
public record PackageDiff(List<Change> changes) {
  /** The kind of change, numbered as rpm-ostree's JSON numbers them. */
  public enum Type {
    /** In the new list only. */
    ADDED(0),
    /** In the old list only. */
    REMOVED(1),
    /** Newer in the new list. */
    UPGRADED(2),
    /** Older in the new list. */
    DOWNGRADED(3);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    /** @return rpm-ostree's number: 0 added, 1 removed, 2 upgraded, 3 downgraded */
    public int code() {
      return code;
    }
  }

  /**
   * One change.
   *
   * @param type the kind
   * @param previous the package in the old list (null when added)
   * @param next the package in the new list (null when removed)
   */
  public record Change(Type type, Package previous, Package next) {
    /** Checks that the packages present fit the type. */
    public Change {
      Objects.requireNonNull(type, "type");
      if ((type != Type.ADDED) != (previous != null) || (type != Type.REMOVED) != (next != null)) {
        throw new IllegalArgumentException("a " + type + " change needs " + (type == Type.ADDED ? "only a new"
            : type == Type.REMOVED ? "only an old" : "an old and a new") + " package");
      }
    }

    /** @return the package name */
    public String name() {
      return next != null ? next.name() : previous.name();
    }

    private String arch() {
      return next != null ? next.arch() : previous.arch();
    }
  }

  private static final Comparator<Change> ORDER = Comparator.comparingInt((Change c) -> c.type().code())
      .thenComparing(Change::name, Strcmp::compare)
      .thenComparing(Change::arch, Strcmp::compare);

  /** Copies and sorts the changes. */
  public PackageDiff {
    List<Change> l = new ArrayList<>(changes);
    l.sort(ORDER);
    changes = List.copyOf(l);
  }

  /**
   * Computes the changes from {@code from} to {@code to}, ordering versions by {@code to}'s format.
   *
   * @param from the old list
   * @param to the new list
   * @return the changes
   */
  public static PackageDiff between(PackageList from, PackageList to) {
    VersionScheme scheme = to.scheme();
    Map<String, List<Package>> old = byName(from.packages());
    Map<String, List<Package>> neu = byName(to.packages());
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, List<Package>> e : old.entrySet()) {
      List<Package> n = neu.get(e.getKey());
      List<Package> o = e.getValue();
      if (n == null) {
        o.forEach(p -> out.add(new Change(Type.REMOVED, p, null)));
      } else if (o.size() == 1 && n.size() == 1 && o.get(0).arch().equals(n.get(0).arch())) {
        compare(scheme, o.get(0), n.get(0), out);
      } else if (o.size() == 1 && n.size() == 1) {
        int c = scheme.compare(o.get(0).toEvr(), n.get(0).toEvr());
        if (c == 0) {
          out.add(new Change(Type.REMOVED, o.get(0), null));
          out.add(new Change(Type.ADDED, null, n.get(0)));
        } else {
          out.add(new Change(c < 0 ? Type.UPGRADED : Type.DOWNGRADED, o.get(0), n.get(0)));
        }
      } else {
        for (Package p : o) {
          Package q = n.stream().filter(x -> x.arch().equals(p.arch())).findFirst().orElse(null);
          if (q == null) {
            out.add(new Change(Type.REMOVED, p, null));
          } else {
            compare(scheme, p, q, out);
          }
        }
        for (Package q : n) {
          if (o.stream().noneMatch(x -> x.arch().equals(q.arch()))) {
            out.add(new Change(Type.ADDED, null, q));
          }
        }
      }
    }
    for (Map.Entry<String, List<Package>> e : neu.entrySet()) {
      if (!old.containsKey(e.getKey())) {
        e.getValue().forEach(p -> out.add(new Change(Type.ADDED, null, p)));
      }
    }
    return new PackageDiff(out);
  }

  private static void compare(VersionScheme scheme, Package o, Package n, List<Change> out) {
    if (o.epoch() == n.epoch() && o.version().equals(n.version()) && o.release().equals(n.release())) {
      return;
    }
    int c = scheme.compare(o.toEvr(), n.toEvr());
    if (c < 0) {
      out.add(new Change(Type.UPGRADED, o, n));
    } else if (c > 0) {
      out.add(new Change(Type.DOWNGRADED, o, n));
    }
  }

  private static Map<String, List<Package>> byName(List<Package> l) {
    Map<String, List<Package>> m = new LinkedHashMap<>();
    for (Package p : l) {
      m.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
    }
    return m;
  }

  /** @return the changes of one type, in name order */
  public List<Change> of(Type type) {
    return changes.stream().filter(c -> c.type() == type).toList();
  }

  /** @return how many changes are of {@code type} */
  public int count(Type type) {
    return (int) changes.stream().filter(c -> c.type() == type).count();
  }

  /** @return whether nothing changed */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** @return {@code N upgraded, N downgraded, N removed, N added}, as rpm-ostree's status shows it */
  public String summary() {
    return count(Type.UPGRADED) + " upgraded, " + count(Type.DOWNGRADED) + " downgraded, "
        + count(Type.REMOVED) + " removed, " + count(Type.ADDED) + " added";
  }
}
