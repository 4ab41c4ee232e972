package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a set of packages added to the base for installability, independently of the SAT
 * encoding: every requirement met, no conflict, breaks or obsoletes, one version per name.
 */
public final class Checker {
  private final Pool pool;

  /** @param pool the packages */
  public Checker(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param added the packages to add
   * @param recommends whether unmet recommends count as problems
   * @return human-readable problems, empty when the set is installable
   */
  public List<String> problems(List<Package> added, boolean recommends) {
    Set<Package> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(pool.installed());
    all.addAll(added);
    List<String> out = new ArrayList<>();
    Map<String, Package> keys = new HashMap<>();
    for (Package p : all) {
      Package old = keys.put(Core.lockKey(p), p);
      if (old != null) {
        out.add("two versions of " + p.name() + ": " + old.evr() + " and " + p.evr());
      }
    }
    for (Package p : added) {
      for (Dependency d : p.requires()) {
        if (!holds(d, p, all)) {
          out.add(p.nva() + " requires " + d.text() + ", which nothing provides in the result");
        }
      }
      List<Dependency> cons = new ArrayList<>(p.conflicts());
      cons.addAll(p.breaks());
      for (Dependency d : cons) {
        for (Package q : pool.whatProvides(d, p)) {
          if (q != p && !q.name().equals(p.name()) && all.contains(q)) {
            out.add(p.nva() + " conflicts with " + q.nva() + " (" + d.text() + ")");
          }
        }
      }
      for (Dependency d : p.obsoletes()) {
        if (d instanceof Relation r) {
          for (Package q : pool.named(r.name())) {
            if (q != p && all.contains(q) && pool.matches(r, p, q)) {
              out.add(p.nva() + " obsoletes " + q.nva());
            }
          }
        }
      }
    }
    Set<Package> addedSet = Collections.newSetFromMap(new IdentityHashMap<>());
    addedSet.addAll(added);
    for (Package q : pool.installed()) {
      List<Dependency> cons = new ArrayList<>(q.conflicts());
      cons.addAll(q.breaks());
      for (Dependency d : cons) {
        for (Package p : pool.whatProvides(d, q)) {
          if (addedSet.contains(p) && !p.name().equals(q.name())) {
            out.add("base package " + q.nva() + " conflicts with " + p.nva() + " (" + d.text() + ")");
          }
        }
      }
    }
    return out;
  }

  /**
   * The base packages' own requirements that the base plus {@code added} leaves unmet (relevant
   * when overrides took packages out of the base).
   *
   * @param added the packages to add
   * @return human-readable problems
   */
  public List<String> baseProblems(List<Package> added) {
    Set<Package> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(pool.installed());
    all.addAll(added);
    List<String> out = new ArrayList<>();
    for (Package b : pool.installed()) {
      for (Dependency d : b.requires()) {
        if (!holds(d, b, all)) {
          out.add("base package " + b.nva() + " requires " + d.text() + ", unmet after the override");
        }
      }
    }
    return out;
  }

  /** Evaluates a (rich) dependency against a set of packages. */
  boolean holds(Dependency d, Package requirer, Set<Package> all) {
    if (d instanceof Relation) {
      for (Package c : pool.whatProvides(d, requirer)) {
        if (all.contains(c)) {
          return true;
        }
      }
      return false;
    }
    BoolDep b = (BoolDep) d;
    List<Dependency> a = b.args();
    switch (b.kind()) {
      case OR:
        for (Dependency x : a) {
          if (holds(x, requirer, all)) {
            return true;
          }
        }
        return false;
      case AND:
        for (Dependency x : a) {
          if (!holds(x, requirer, all)) {
            return false;
          }
        }
        return true;
      case IF:
        if (holds(a.get(1), requirer, all)) {
          return holds(a.get(0), requirer, all);
        }
        return a.size() < 3 || holds(a.get(2), requirer, all);
      case UNLESS:
        if (!holds(a.get(1), requirer, all)) {
          return holds(a.get(0), requirer, all);
        }
        return a.size() < 3 || holds(a.get(2), requirer, all);
      default: // WITH, WITHOUT: one package satisfying the combination
        for (Package c : pool.whatProvides(d, requirer)) {
          if (all.contains(c)) {
            return true;
          }
        }
        return false;
    }
  }
}
