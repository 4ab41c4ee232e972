package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.MultiArch;
import dev.strata.depsolve.model.Op;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.PackageSet;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every package the solver can see (installed and available) with indexes by name, by provided
 * capability and by file, and the rules for whether a package satisfies a relation. Read-only after
 * construction; thread-safe for reading.
 */
public final class Pool {
  private final String nativeArch;
  private final List<Package> installed;
  private final List<PackageSet> repositories;
  private final Set<Package> installedSet = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<String, List<Package>> installedByName = new HashMap<>();
  private final Map<String, List<Package>> installedByProvide = new HashMap<>();
  /** Installed packages by {@code name version arch}: a repository copy of one is left out. */
  private final Map<String, Package> installedByNva = new HashMap<>();
  /** Installed and repository packages by name, filled as names are looked up. */
  private final Map<String, List<Package>> byName = new HashMap<>(1 << 12);
  /** Installed and repository packages by provided name, filled as names are looked up. */
  private final Map<String, List<Package>> byProvide = new HashMap<>(1 << 12);
  private Map<String, List<Package>> byFile;

  /**
   * @param nativeArch the tree's architecture
   * @param installed the base's packages
   * @param repositories the repositories' packages, in source order
   */
  public Pool(String nativeArch, List<Package> installed, List<PackageSet> repositories) {
    this.nativeArch = nativeArch;
    this.installed = List.copyOf(installed);
    this.repositories = List.copyOf(repositories);
    for (Package p : installed) {
      installedSet.add(p);
      installedByNva.put(nva(p), p);
      installedByName.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
      for (Relation r : p.provides()) {
        List<Package> l = installedByProvide.computeIfAbsent(r.name(), k -> new ArrayList<>(1));
        if (l.isEmpty() || l.get(l.size() - 1) != p) {
          l.add(p);
        }
      }
    }
  }

  private static String nva(Package p) {
    return p.name() + " " + p.evr() + " " + p.arch();
  }

  /** @return whether a repository package is a copy of an installed one (which stands for it) */
  private boolean copyOfInstalled(Package p) {
    Package same = installedByNva.get(nva(p));
    return same != null && same.name().equals(p.name());
  }

  /** The installed packages of {@code mine}, then the repositories' in order, without copies. */
  private List<Package> combine(List<Package> mine, boolean provides, String name) {
    List<Package> out = new ArrayList<>(mine == null ? List.of() : mine);
    for (PackageSet s : repositories) {
      for (Package p : provides ? s.providing(name) : s.named(name)) {
        if (!copyOfInstalled(p)) {
          out.add(p);
        }
      }
    }
    return out.isEmpty() ? List.of() : out;
  }

  /** @return the tree's architecture */
  public String nativeArch() {
    return nativeArch;
  }

  /** @return the base's packages */
  public List<Package> installed() {
    return installed;
  }

  /** @return whether {@code p} is a base package */
  public boolean isInstalled(Package p) {
    return installedSet.contains(p);
  }

  /** @return packages (installed and available) with exactly this name */
  public synchronized List<Package> named(String name) {
    List<Package> l = byName.get(name);
    if (l == null) {
      l = combine(installedByName.get(name), false, name);
      byName.put(name, l);
    }
    return l;
  }

  /** @return packages that list {@code name} in Provides */
  public synchronized List<Package> providing(String name) {
    List<Package> l = byProvide.get(name);
    if (l == null) {
      l = combine(installedByProvide.get(name), true, name);
      byProvide.put(name, l);
    }
    return l;
  }

  private synchronized List<Package> owning(String path) {
    if (byFile == null) {
      byFile = new HashMap<>();
      // every package by name, in the order (and so the iteration order) the pool always had
      Map<String, List<Package>> all = new HashMap<>(1 << 17);
      for (Package p : installed) {
        all.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
      }
      for (PackageSet s : repositories) {
        for (Package p : s.listsFiles() ? s.all() : List.<Package>of()) {
          if (!copyOfInstalled(p)) {
            all.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
          }
        }
      }
      for (List<Package> l : all.values()) {
        for (Package p : l) {
          for (String f : p.files()) {
            byFile.computeIfAbsent(f, k -> new ArrayList<>(1)).add(p);
          }
        }
      }
    }
    return byFile.getOrDefault(path, List.of());
  }

  /**
   * All packages satisfying a relation, installed ones included, best version first.
   *
   * @param r the relation
   * @param requirer the package that has the relation, or null for a user request
   * @return the matching packages
   */
  public List<Package> whatProvides(Relation r, Package requirer) {
    Set<Package> out = new LinkedHashSet<>();
    for (Package p : named(r.name())) {
      if (matchesName(r, requirer, p)) {
        out.add(p);
      }
    }
    for (Package p : providing(r.name())) {
      if (matchesProvides(r, requirer, p)) {
        out.add(p);
      }
    }
    if (r.name().startsWith("/")) {
      out.addAll(owning(r.name()));
    }
    List<Package> l = new ArrayList<>(out);
    if (l.size() > 1) {
      l.sort((a, b) -> a.name().equals(b.name()) ? -a.scheme().compare(a.evr(), b.evr()) : 0);
    }
    return l;
  }

  /** @return whether {@code cand} satisfies {@code r}, by name, Provides or file */
  public boolean matches(Relation r, Package requirer, Package cand) {
    return (cand.name().equals(r.name()) && matchesName(r, requirer, cand))
        || matchesProvides(r, requirer, cand)
        || (r.name().startsWith("/") && cand.files().contains(r.name()));
  }

  private final Map<Dependency, List<Package>> memo = new HashMap<>(1 << 14);

  /**
   * Every package satisfying a rich or simple dependency, as a set of candidates. Results for
   * requirers of the native architecture (or {@code all}) are remembered.
   */
  public List<Package> whatProvides(Dependency d, Package requirer) {
    boolean usual = requirer == null || requirer.arch().equals(nativeArch)
        || requirer.arch().equals("all") || requirer.scheme() == VersionScheme.RPM;
    if (!usual) {
      return compute(d, requirer);
    }
    synchronized (memo) {
      List<Package> got = memo.get(d);
      if (got == null) {
        got = List.copyOf(compute(d, requirer));
        memo.put(d, got);
      }
      return got;
    }
  }

  private List<Package> compute(Dependency d, Package requirer) {
    if (d instanceof Relation r) {
      return whatProvides(r, requirer);
    }
    BoolDep b = (BoolDep) d;
    Set<Package> out = new LinkedHashSet<>();
    switch (b.kind()) {
      case WITH:
        out.addAll(whatProvides(b.args().get(0), requirer));
        for (int i = 1; i < b.args().size(); i++) {
          out.retainAll(new LinkedHashSet<>(whatProvides(b.args().get(i), requirer)));
        }
        break;
      case WITHOUT:
        out.addAll(whatProvides(b.args().get(0), requirer));
        out.removeAll(new LinkedHashSet<>(whatProvides(b.args().get(1), requirer)));
        break;
      default:
        for (Dependency a : b.args()) {
          out.addAll(whatProvides(a, requirer));
        }
    }
    return new ArrayList<>(out);
  }

  private boolean archOk(Relation r, Package requirer, Package cand, boolean viaProvides) {
    if (cand.scheme() == VersionScheme.RPM) {
      return true;
    }
    String q = r.archQualifier();
    String reqArch = requirer == null || requirer.arch().equals("all") ? nativeArch : requirer.arch();
    if (q == null) {
      return cand.arch().equals("all") || cand.arch().equals(reqArch)
          || cand.multiArch() == MultiArch.FOREIGN;
    }
    if (q.equals("any")) {
      return cand.multiArch() == MultiArch.ALLOWED || (viaProvides
          && (cand.arch().equals(reqArch) || cand.arch().equals("all")
          || cand.multiArch() == MultiArch.FOREIGN));
    }
    if (q.equals("native")) {
      return cand.arch().equals(nativeArch) || cand.arch().equals("all");
    }
    return cand.arch().equals(q);
  }

  private boolean matchesName(Relation r, Package requirer, Package cand) {
    if (!archOk(r, requirer, cand, false)) {
      return false;
    }
    if (r.op() == Op.ANY) {
      return true;
    }
    if (cand.scheme() == VersionScheme.RPM) {
      return rpmOverlap(Op.EQ, cand.evr(), r.op(), r.evr());
    }
    return r.op().accepts(cand.scheme().compare(cand.evr(), r.evr()));
  }

  private boolean matchesProvides(Relation r, Package requirer, Package cand) {
    for (Relation pr : cand.provides()) {
      if (!pr.name().equals(r.name())) {
        continue;
      }
      if (!archOk(r, requirer, cand, true)) {
        continue;
      }
      if (r.op() == Op.ANY) {
        return true;
      }
      if (cand.scheme() == VersionScheme.RPM) {
        if (pr.op() == Op.ANY || rpmOverlap(pr.op(), pr.evr(), r.op(), r.evr())) {
          return true;
        }
      } else if (pr.op() == Op.EQ && r.op().accepts(cand.scheme().compare(pr.evr(), r.evr()))) {
        return true;
      }
    }
    return false;
  }

  /** rpm's range overlap ({@code rpmdsCompare}): a missing release matches any release. */
  static boolean rpmOverlap(Op aOp, Evr a, Op bOp, Evr b) {
    int sense;
    if (a.release() == null || b.release() == null) {
      sense = VersionScheme.RPM.compare(new Evr(a.epoch(), a.version(), null),
          new Evr(b.epoch(), b.version(), null));
    } else {
      sense = VersionScheme.RPM.compare(a, b);
    }
    boolean aLess = aOp == Op.LT || aOp == Op.LE;
    boolean aGreater = aOp == Op.GT || aOp == Op.GE;
    boolean aEq = aOp == Op.EQ || aOp == Op.LE || aOp == Op.GE;
    boolean bLess = bOp == Op.LT || bOp == Op.LE;
    boolean bGreater = bOp == Op.GT || bOp == Op.GE;
    boolean bEq = bOp == Op.EQ || bOp == Op.LE || bOp == Op.GE;
    if (sense < 0) {
      return aGreater || bLess;
    } else if (sense > 0) {
      return aLess || bGreater;
    }
    return (aEq && bEq) || (aLess && bLess) || (aGreater && bGreater);
  }
}
