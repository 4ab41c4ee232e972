package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a failed solve into a sentence a person can act on: the chain of relations from the
 * request to the obstacle (a locked base package, a conflict with the base, or a missing
 * package), rather than a list of clauses.
 */
public final class Explainer {
  private final Pool pool;
  private final Core core;
  private final Map<Package, Object> state = new IdentityHashMap<>();
  private static final Object BUSY = new Object();
  private static final Object OK = new Object();

  /** The explanation: one sentence and the chain behind it. */
  public record Explanation(String message, List<String> chain) {}

  /**
   * @param pool the packages
   * @param core the core that failed (for the lock rules)
   */
  public Explainer(Pool pool, Core core) {
    this.pool = pool;
    this.core = core;
  }

  /** A reason a package cannot be installed on the locked base. */
  private record Why(String step, Package next, boolean locked, boolean leaf) {}

  /**
   * Explains a failed request.
   *
   * @param requests the requests with their candidates
   * @param coreRules the relations of an unsatisfiable core, used when no single request is
   *     impossible on its own
   * @return the explanation
   */
  public Explanation explain(Map<String, List<Package>> requests, List<Rule> coreRules) {
    for (Map.Entry<String, List<Package>> e : requests.entrySet()) {
      Package best = null;
      for (Package p : e.getValue()) {
        if (why(p) == null) {
          best = null;
          break;
        }
        if (best == null) {
          best = p;
        }
      }
      if (best != null) {
        return chain(best);
      }
    }
    List<String> parts = new ArrayList<>();
    boolean locked = false;
    for (Rule r : coreRules) {
      if (parts.size() < 8) {
        parts.add(r.describe());
      }
      locked |= r.kind() == Rule.Kind.CONFLICTS && r.pkg() != null && pool.isInstalled(r.pkg());
    }
    String requested = String.join(", ", requests.keySet());
    if (parts.isEmpty()) {
      return new Explanation("no installable combination of packages satisfies " + requested
          + "; request fewer packages or use override", List.of());
    }
    return new Explanation("cannot install " + requested + " together: " + String.join("; ", parts)
        + (locked ? "; layer a newer base or use override" : "; request fewer packages"), parts);
  }

  private Explanation chain(Package start) {
    List<String> steps = new ArrayList<>();
    Package p = start;
    boolean locked = false;
    StringBuilder sb = new StringBuilder();
    for (int depth = 0; p != null && depth < 12; depth++) {
      Why w = why(p);
      if (w == null) {
        break;
      }
      steps.add(w.step());
      sb.append(depth == 0 ? "" : "; ").append(w.step());
      locked |= w.locked();
      if (w.leaf()) {
        break;
      }
      p = w.next();
    }
    sb.append(locked ? "; layer a newer base or use override"
        : "; add a repository that provides it or request something else");
    return new Explanation(sb.toString(), steps);
  }

  private Why why(Package p) {
    Object s = state.get(p);
    if (s == OK || s == BUSY) {
      return null;
    }
    if (s != null) {
      return (Why) s;
    }
    state.put(p, BUSY);
    Why w = compute(p);
    state.put(p, w == null ? OK : w);
    return w;
  }

  private Why compute(Package p) {
    String me = p.name() + " " + p.evr();
    Package lock = core.lockedBy(p);
    if (lock != null) {
      return new Why(me + " would replace " + lock.name() + " " + lock.evr()
          + ", which the base has locked", null, true, true);
    }
    List<Dependency> cons = new ArrayList<>(p.conflicts());
    cons.addAll(p.breaks());
    for (Dependency d : cons) {
      for (Package q : pool.whatProvides(d, p)) {
        if (pool.isInstalled(q) && !q.name().equals(p.name())) {
          return new Why(me + " conflicts with " + d.text() + ", but the base has " + q.name() + " "
              + q.evr() + " locked", null, true, true);
        }
      }
    }
    for (Package q : pool.installed()) {
      List<Dependency> qc = new ArrayList<>(q.conflicts());
      qc.addAll(q.breaks());
      for (Dependency d : qc) {
        if (d instanceof Relation r && !q.name().equals(p.name()) && pool.matches(r, q, p)) {
          return new Why("the locked base package " + q.name() + " " + q.evr() + " conflicts with "
              + d.text() + ", which " + me + " is", null, true, true);
        }
      }
    }
    for (Dependency d : p.obsoletes()) {
      if (d instanceof Relation r) {
        for (Package q : pool.named(r.name())) {
          if (pool.isInstalled(q) && pool.matches(r, p, q) && core.lockedBy(q) != null) {
            return new Why(me + " obsoletes " + d.text() + ", but the base has " + q.name() + " "
                + q.evr() + " locked", null, true, true);
          }
        }
      }
    }
    for (Dependency d : p.requires()) {
      if (d instanceof BoolDep b && b.kind() != BoolDep.Kind.OR) {
        continue; // conditional: left to the SAT core
      }
      List<Package> cands = pool.whatProvides(d, p);
      Package firstBad = null;
      boolean ok = false;
      for (Package c : cands) {
        if (pool.isInstalled(c) || why(c) == null) {
          ok = true;
          break;
        }
        if (firstBad == null) {
          firstBad = c;
        }
      }
      if (ok) {
        continue;
      }
      String step = me + " requires " + d.text();
      if (firstBad != null) {
        Why inner = why(firstBad);
        if (inner != null && inner.leaf() && core.lockedBy(firstBad) != null) {
          Package lk = core.lockedBy(firstBad);
          return new Why(step + ", but the base has " + lk.name() + " " + lk.evr()
              + " locked and the repositories' " + firstBad.name() + " " + firstBad.evr()
              + " would replace it", null, true, true);
        }
        return new Why(step, firstBad, false, false);
      }
      Package base = lockedNamed(d);
      if (base != null) {
        return new Why(step + ", but the base has " + base.name() + " " + base.evr()
            + " locked and no repository offers another", null, true, true);
      }
      return new Why(step + ", but no repository offers " + names(d), null, false, true);
    }
    return null;
  }

  private Package lockedNamed(Dependency d) {
    List<Dependency> alts = d instanceof BoolDep b ? b.args() : List.of(d);
    for (Dependency a : alts) {
      if (a instanceof Relation r) {
        for (Package q : pool.named(r.name())) {
          if (pool.isInstalled(q)) {
            return q;
          }
        }
      }
    }
    return null;
  }

  private static String names(Dependency d) {
    if (d instanceof Relation r) {
      return r.name();
    }
    List<String> n = new ArrayList<>();
    for (Dependency a : ((BoolDep) d).args()) {
      n.add(names(a));
    }
    return String.join(" or ", n);
  }
}
