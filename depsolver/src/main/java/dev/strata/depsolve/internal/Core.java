package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.model.Relation;
import dev.strata.depsolve.version.VersionScheme;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The solver core: builds the relevant closure of a request, encodes it as clauses and a
 * pseudo-boolean objective for Sat4j, and optimises within a time limit. Single use, not
 * thread-safe.
 *
 * <p>Base packages are constants (installed, locked). Objective, in decreasing weight: missing
 * recommends (when asked for), a dependency met by a later alternative than the first one
 * (apt's preference), a new package, an older version, a foreign architecture, a lower priority.
 */
public final class Core {
  static final long W_RECOMMEND = 100_000_000;
  static final long W_ALT = 200_000;
  static final long W_PACKAGE = 1_000;
  static final long W_VERSION = 20;
  static final long W_ARCH = 50;

  private final Pool pool;
  private final boolean recommends;
  private final Set<String> overrides;
  private final Map<Package, Integer> varOf = new IdentityHashMap<>();
  private final List<Package> pkgOf = new ArrayList<>();
  private final List<int[]> clauses = new ArrayList<>();
  private final List<Rule> reasons = new ArrayList<>();
  private final List<int[]> atMostOne = new ArrayList<>();
  private final List<Rule> atMostOneReasons = new ArrayList<>();
  private final Map<Integer, Long> cost = new HashMap<>();
  private final Map<Package, Boolean> allowed = new IdentityHashMap<>();
  private final Map<String, List<Package>> lockedByKey = new HashMap<>();
  private final PhaseHint hint = new PhaseHint();
  private int nextVar = 2; // var 1 is TRUE

  /** The result of a solve. */
  public record Outcome(List<Package> chosen, boolean optimal, List<Rule> core) {
    /** @return whether a plan was found */
    public boolean solved() {
      return chosen != null;
    }
  }

  /**
   * @param pool the packages
   * @param recommends whether recommends are wanted
   * @param overrides base package names that may be replaced
   */
  public Core(Pool pool, boolean recommends, Set<String> overrides) {
    this.pool = pool;
    this.recommends = recommends;
    this.overrides = overrides;
    for (Package p : pool.installed()) {
      lockedByKey.computeIfAbsent(lockKey(p), k -> new ArrayList<>()).add(p);
    }
  }

  static String lockKey(Package p) {
    boolean perArch = p.scheme() == VersionScheme.RPM
        || p.multiArch() == dev.strata.depsolve.model.MultiArch.SAME;
    return perArch ? p.name() + ":" + p.arch() : p.name();
  }

  /** @return whether a repository package may be installed with the base locked */
  public boolean allowed(Package p) {
    if (pool.isInstalled(p)) {
      return false;
    }
    Boolean a = allowed.get(p);
    if (a == null) {
      a = !(lockedByKey.containsKey(lockKey(p)) && !overrides.contains(p.name()));
      allowed.put(p, a);
    }
    return a;
  }

  /** @return the base package that locks {@code p} out, or null */
  public Package lockedBy(Package p) {
    List<Package> l = lockedByKey.get(lockKey(p));
    return l == null || overrides.contains(p.name()) ? null : l.get(0);
  }

  private int var(Package p) {
    Integer v = varOf.get(p);
    if (v == null) {
      v = nextVar++;
      varOf.put(p, v);
      pkgOf.add(p);
    }
    return v;
  }

  /** Whether a dependency is met by the base alone (then apt does not look further). */
  private boolean metByBase(Dependency d, Package requirer) {
    if (d instanceof Relation) {
      for (Package c : pool.whatProvides(d, requirer)) { // the remembered answer
        if (pool.isInstalled(c)) {
          return true;
        }
      }
      return false;
    }
    BoolDep b = (BoolDep) d;
    if (b.kind() == BoolDep.Kind.OR) {
      for (Dependency a : b.args()) {
        if (metByBase(a, requirer)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Solves.
   *
   * @param requests per request: its text and its candidate packages (best first)
   * @param timeLimitMs optimiser time limit
   * @return the outcome
   */
  public Outcome solve(Map<String, List<Package>> requests, long timeLimitMs) {
    List<Package> queue = new ArrayList<>();
    for (Map.Entry<String, List<Package>> e : requests.entrySet()) {
      List<Integer> l = new ArrayList<>();
      for (Package p : e.getValue()) {
        if (allowed(p)) {
          l.add(var(p));
          queue.add(p);
          requested.add(p);
        }
      }
      addClause(l.stream().mapToInt(Integer::intValue).toArray(),
          new Rule(Rule.Kind.REQUEST, null, null, null, e.getKey()));
    }
    List<Object[]> baseNeeds = new ArrayList<>();
    if (checkBase) {
      for (Package b : pool.installed()) {
        for (Dependency d : b.requires()) {
          if (!metByBase(d, b)) {
            baseNeeds.add(new Object[] {b, d});
            for (Package c : pool.whatProvides(d, b)) {
              if (allowed(c)) {
                queue.add(c);
              }
            }
          }
        }
      }
    }
    buildClosure(queue);
    for (Object[] need : baseNeeds) {
      Package b = (Package) need[0];
      Dependency d = (Dependency) need[1];
      List<Integer> l = new ArrayList<>();
      for (Package c : pool.whatProvides(d, b)) {
        if (varOf.containsKey(c)) {
          l.add(varOf.get(c));
        }
      }
      addClause(l.stream().mapToInt(Integer::intValue).toArray(),
          new Rule(Rule.Kind.REQUIRES, b, d, null, null));
    }
    return optimise(timeLimitMs);
  }

  private boolean checkBase;

  /**
   * Also requires the base packages' own dependencies to stay met: needed when an override has
   * taken a package out of the base.
   */
  public void requireBaseDependencies() {
    checkBase = true;
  }

  private void buildClosure(List<Package> start) {
    Set<Package> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Package> work = new ArrayDeque<>();
    for (Package p : start) {
      if (seen.add(p)) {
        work.add(p);
      }
    }
    List<Package> order = new ArrayList<>();
    while (!work.isEmpty()) {
      Package p = work.poll();
      order.add(p);
      List<Dependency> deps = new ArrayList<>(p.requires());
      if (recommends) {
        deps.addAll(p.recommends());
      }
      for (Dependency d : deps) {
        if (metByBase(d, p)) {
          continue;
        }
        for (Package c : pool.whatProvides(d, p)) {
          if (allowed(c) && seen.add(c)) {
            work.add(c);
          }
        }
      }
    }
    for (Package p : order) {
      var(p);
    }
    greedyChoice.putAll(AptGreedy.run(pool, start, requested, varOf, hint));
    for (Package p : order) {
      encodePackage(p);
    }
    encodePenalties();
    encodeOneVersion(order);
  }

  private void encodePackage(Package p) {
    int v = var(p);
    long c = W_PACKAGE + Math.min(p.priority(), 4);
    if (p.scheme() != VersionScheme.RPM && !p.arch().equals("all")
        && !p.arch().equals(pool.nativeArch())) {
      c += W_ARCH;
    }
    int rank = 0;
    for (Package o : pool.named(p.name())) {
      if (o != p && o.arch().equals(p.arch()) && allowed(o)
          && p.scheme().compare(o.evr(), p.evr()) > 0) {
        rank++;
      }
    }
    c += rank * W_VERSION;
    cost.merge(v, c, Long::sum);
    for (Dependency d : p.requires()) {
      encodeRequires(p, v, d, false);
    }
    if (recommends) {
      for (Dependency d : p.recommends()) {
        encodeRequires(p, v, d, true);
      }
    }
    List<Dependency> cons = new ArrayList<>(p.conflicts());
    cons.addAll(p.breaks());
    for (Dependency d : cons) {
      for (Package q : pool.whatProvides(d, p)) {
        if (q == p || q.name().equals(p.name())) {
          continue;
        }
        Rule why = new Rule(Rule.Kind.CONFLICTS, p, d, q, null);
        if (pool.isInstalled(q)) {
          addClause(new int[] {-v}, why);
        } else if (varOf.containsKey(q)) {
          addClause(new int[] {-v, -varOf.get(q)}, why);
        }
      }
    }
    for (Dependency d : p.obsoletes()) {
      if (!(d instanceof Relation r)) {
        continue;
      }
      for (Package q : pool.named(r.name())) {
        if (q == p || !pool.matches(r, p, q)) {
          continue;
        }
        Rule why = new Rule(Rule.Kind.OBSOLETES, p, d, q, null);
        if (pool.isInstalled(q) && !overrides.contains(q.name())) {
          addClause(new int[] {-v}, why);
        } else if (varOf.containsKey(q)) {
          addClause(new int[] {-v, -varOf.get(q)}, why);
        }
      }
    }
    // base packages' own conflicts against p
    checkBaseConflicts(p, v, p.name());
    for (Relation pr : p.provides()) {
      checkBaseConflicts(p, v, pr.name());
    }
  }

  private void checkBaseConflicts(Package p, int v, String name) {
    for (Object[] qd : baseConflicts().getOrDefault(name, List.of())) {
      Package q = (Package) qd[0];
      Relation r = (Relation) qd[1];
      if (!q.name().equals(p.name()) && pool.matches(r, q, p)) {
        addClause(new int[] {-v}, new Rule(Rule.Kind.CONFLICTS, q, r, p, null));
      }
    }
  }

  private Map<String, List<Object[]>> baseConflicts;

  private Map<String, List<Object[]>> baseConflicts() {
    if (baseConflicts == null) {
      baseConflicts = new HashMap<>();
      for (Package q : pool.installed()) {
        List<Dependency> all = new ArrayList<>(q.conflicts());
        all.addAll(q.breaks());
        for (Dependency d : all) {
          if (d instanceof Relation r) {
            baseConflicts.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(new Object[] {q, r});
          }
        }
      }
    }
    return baseConflicts;
  }

  private void encodeRequires(Package p, int v, Dependency d, boolean soft) {
    Rule why = new Rule(Rule.Kind.REQUIRES, p, d, null, null);
    if (d instanceof BoolDep b && b.kind() != BoolDep.Kind.OR && b.kind() != BoolDep.Kind.WITH
        && b.kind() != BoolDep.Kind.WITHOUT) {
      int lit = pos(d, p);
      if (soft) {
        int y = nextVar++;
        cost.merge(y, W_RECOMMEND, Long::sum);
        addClause(new int[] {-v, lit, y}, why);
      } else {
        addClause(new int[] {-v, lit}, why);
      }
      return;
    }
    List<Dependency> alts = d instanceof BoolDep b && b.kind() == BoolDep.Kind.OR
        ? b.args() : List.of(d);
    List<Integer> lits = new ArrayList<>();
    lits.add(-v);
    List<Package> first = null;
    List<Package> later = new ArrayList<>();
    for (Dependency a : alts) {
      List<Package> here = new ArrayList<>();
      for (Package c : pool.whatProvides(a, p)) {
        if (pool.isInstalled(c)) {
          return; // met by the base
        }
        if (allowed(c) && varOf.containsKey(c)) {
          lits.add(varOf.get(c));
          here.add(c);
        }
      }
      if (first == null && !here.isEmpty()) {
        first = AptGreedy.preferred(here);
        for (Package c : here) {
          if (!first.contains(c)) {
            later.add(c);
          }
        }
      } else {
        later.addAll(here);
      }
    }
    if (soft) {
      int y = nextVar++;
      cost.merge(y, W_RECOMMEND, Long::sum);
      lits.add(y);
    }
    addClause(lits.stream().mapToInt(Integer::intValue).toArray(), why);
    Map<Dependency, List<Package>> prefs = greedyChoice.get(p);
    List<Package> pref = prefs == null ? null : prefs.get(d);
    if (pref != null && !soft) {
      List<Package> others = new ArrayList<>();
      for (int i = 1; i < lits.size(); i++) {
        Package c = pkgOf.get(lits.get(i) - 2);
        if (!pref.contains(c)) {
          others.add(c);
        }
      }
      first = pref;
      later = others;
    }
    if (first != null && !soft && !later.isEmpty()) {
      penalties.add(new Penalty(v, first, later));
    }
  }

  /** A dependency group where apt would take {@code first} and others could serve. */
  private record Penalty(int var, List<Package> first, List<Package> later) {}

  private final List<Penalty> penalties = new ArrayList<>();
  private final Map<Package, Map<Dependency, List<Package>>> greedyChoice = new IdentityHashMap<>();
  private final Set<Package> requested = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * Penalises a group met by something else than what apt would take: the greedy apt-like pass's
   * choice for packages that pass reaches, else the first installable alternative.
   */
  private void encodePenalties() {
    for (Penalty pen : penalties) {
      int[] cl = new int[pen.first().size() + 2];
      cl[0] = -pen.var();
      for (int i = 0; i < pen.first().size(); i++) {
        cl[i + 1] = varOf.get(pen.first().get(i));
      }
      int y = nextVar++;
      cost.merge(y, W_ALT, Long::sum);
      cl[cl.length - 1] = y;
      addClause(cl, null);
    }
  }

  /** A literal that implies the (rich) dependency. */
  private int pos(Dependency d, Package p) {
    if (d instanceof Relation || ((BoolDep) d).kind() == BoolDep.Kind.WITH
        || ((BoolDep) d).kind() == BoolDep.Kind.WITHOUT) {
      List<Integer> lits = new ArrayList<>();
      for (Package c : pool.whatProvides(d, p)) {
        if (pool.isInstalled(c)) {
          return 1;
        }
        if (allowed(c) && varOf.containsKey(c)) {
          lits.add(varOf.get(c));
        }
      }
      if (lits.isEmpty()) {
        return -1;
      }
      if (lits.size() == 1) {
        return lits.get(0);
      }
      int o = nextVar++;
      int[] cl = new int[lits.size() + 1];
      cl[0] = -o;
      for (int i = 0; i < lits.size(); i++) {
        cl[i + 1] = lits.get(i);
      }
      addClause(cl, null);
      return o;
    }
    BoolDep b = (BoolDep) d;
    int o = nextVar++;
    List<Dependency> a = b.args();
    switch (b.kind()) {
      case OR: {
        int[] cl = new int[a.size() + 1];
        cl[0] = -o;
        for (int i = 0; i < a.size(); i++) {
          cl[i + 1] = pos(a.get(i), p);
        }
        addClause(cl, null);
        break;
      }
      case AND:
        for (Dependency x : a) {
          addClause(new int[] {-o, pos(x, p)}, null);
        }
        break;
      case IF: // (then if cond [else other]) = (cond -> then) & (!cond -> other)
        addClause(new int[] {-o, -neg(a.get(1), p), pos(a.get(0), p)}, null);
        if (a.size() > 2) {
          addClause(new int[] {-o, pos(a.get(1), p), pos(a.get(2), p)}, null);
        }
        break;
      case UNLESS: // (then unless cond [else other]) = (!cond -> then) & (cond -> other)
        addClause(new int[] {-o, pos(a.get(1), p), pos(a.get(0), p)}, null);
        if (a.size() > 2) {
          addClause(new int[] {-o, -neg(a.get(1), p), pos(a.get(2), p)}, null);
        }
        break;
      default:
        throw new AssertionError(b.kind());
    }
    return o;
  }

  /** A literal implied by the dependency (true whenever it holds). */
  private int neg(Dependency d, Package p) {
    if (d instanceof BoolDep b && (b.kind() == BoolDep.Kind.IF || b.kind() == BoolDep.Kind.UNLESS)) {
      return 1;
    }
    if (d instanceof BoolDep b && b.kind() == BoolDep.Kind.AND) {
      int o = nextVar++;
      int[] cl = new int[b.args().size() + 1];
      for (int i = 0; i < b.args().size(); i++) {
        cl[i] = -neg(b.args().get(i), p);
      }
      cl[b.args().size()] = o;
      addClause(cl, null);
      return o;
    }
    int o = nextVar++;
    for (Package c : pool.whatProvides(d, p)) {
      if (pool.isInstalled(c)) {
        return 1;
      }
      if (varOf.containsKey(c)) {
        addClause(new int[] {-varOf.get(c), o}, null);
      }
    }
    return o;
  }

  private void encodeOneVersion(List<Package> order) {
    Map<String, List<Package>> groups = new LinkedHashMap<>();
    for (Package p : order) {
      groups.computeIfAbsent(lockKey(p), k -> new ArrayList<>()).add(p);
    }
    for (List<Package> g : groups.values()) {
      if (g.size() > 1) {
        atMostOne.add(g.stream().mapToInt(this::var).toArray());
        atMostOneReasons.add(new Rule(Rule.Kind.ONE_VERSION, g.get(0), null, g.get(1), null));
      }
    }
  }

  private void addClause(int[] lits, Rule why) {
    List<Integer> out = new ArrayList<>(lits.length);
    for (int l : lits) {
      if (l == 1) {
        return;
      }
      if (l != -1 && !out.contains(l)) {
        out.add(l);
      }
    }
    clauses.add(out.stream().mapToInt(Integer::intValue).toArray());
    reasons.add(why);
  }

  private Outcome optimise(long timeLimitMs) {
    SatRun run = new SatRun(nextVar, clauses, reasons, atMostOne, atMostOneReasons);
    int[] best = run.optimise(cost, hint, timeLimitMs);
    if (best == null) {
      return new Outcome(null, false, run.unsatCore());
    }
    List<Package> chosen = new ArrayList<>();
    for (int i = 0; i < pkgOf.size(); i++) {
      if (run.isTrue(best, i + 2)) {
        chosen.add(pkgOf.get(i));
      }
    }
    return new Outcome(chosen, run.optimal(), List.of());
  }
}
