package dev.strata.depsolve.internal;

import dev.strata.depsolve.model.BoolDep;
import dev.strata.depsolve.model.Dependency;
import dev.strata.depsolve.model.Package;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** apt's way of choosing among alternatives, used to steer the SAT objective toward apt's plans. */
final class AptGreedy {
  private AptGreedy() {}

  /** What apt takes from one alternative: one package name, by priority then name. */
  static List<Package> preferred(List<Package> cands) {
    Package best = null;
    for (Package c : cands) {
      if (best == null || c.priority() < best.priority()
          || (c.priority() == best.priority() && c.name().compareTo(best.name()) < 0)) {
        best = c;
      }
    }
    List<Package> out = new ArrayList<>();
    for (Package c : cands) {
      if (c.name().equals(best.name())) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * An apt-like pass (depth first, dependencies in order, a group already met by a marked package
   * is skipped, else the first alternative with a candidate). Its choices steer the objective and
   * the solver's first guesses; it never decides installability.
   */
  static Map<Package, Map<Dependency, List<Package>>> run(Pool pool, List<Package> start,
      Set<Package> requested, Map<Package, Integer> varOf, PhaseHint hint) {
    Map<Package, Map<Dependency, List<Package>>> greedyChoice = new IdentityHashMap<>();
    Set<Package> marked = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    for (Package p : start) {
      if (requested.contains(p) && marked.add(p)) {
        hint.prefer(varOf.get(p));
        stack.push(new Object[] {p, 0});
        break;
      }
    }
    for (Package p : start) {
      if (requested.contains(p) && !marked.contains(p) && marked.stream().noneMatch(
          m -> m.name().equals(p.name()))) {
        marked.add(p);
        hint.prefer(varOf.get(p));
        stack.addLast(new Object[] {p, 0});
      }
    }
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Package p = (Package) top[0];
      int i = (Integer) top[1];
      if (i >= p.requires().size()) {
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      Dependency d = p.requires().get(i);
      List<Dependency> alts = d instanceof BoolDep b && b.kind() == BoolDep.Kind.OR
          ? b.args() : List.of(d);
      List<Package> met = new ArrayList<>();
      boolean base = false;
      for (Dependency a : alts) {
        for (Package c : pool.whatProvides(a, p)) {
          base |= pool.isInstalled(c);
          if (marked.contains(c)) {
            met.add(c);
          }
        }
      }
      if (base) {
        continue;
      }
      if (!met.isEmpty()) {
        greedyChoice.computeIfAbsent(p, k -> new HashMap<>()).put(d, met);
        continue;
      }
      for (Dependency a : alts) {
        List<Package> here = new ArrayList<>();
        for (Package c : pool.whatProvides(a, p)) {
          if (varOf.containsKey(c)) {
            here.add(c);
          }
        }
        if (!here.isEmpty()) {
          Package choice = preferred(here).get(0);
          marked.add(choice);
          hint.prefer(varOf.get(choice));
          greedyChoice.computeIfAbsent(p, k -> new HashMap<>()).put(d, List.of(choice));
          stack.push(new Object[] {choice, 0});
          break;
        }
      }
    }
    return greedyChoice;
  }
}
