package dev.strata.depsolve.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sat4j.core.Vec;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.core.ICDCL;
import org.sat4j.pb.IPBSolver;
import org.sat4j.pb.ObjectiveFunction;
import org.sat4j.pb.PseudoOptDecorator;
import org.sat4j.pb.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;

/**
 * Runs Sat4j on an encoded problem: pseudo-boolean optimisation within a time limit (keeping the
 * best model found), and, when there is no model, an unsatisfiable core mapped back to the
 * relations behind it. Variable 1 is the constant TRUE. Single use.
 */
final class SatRun {
  private final int vars;
  private final List<int[]> clauses;
  private final List<Rule> reasons;
  private final List<int[]> atMostOne;
  private final List<Rule> atMostOneReasons;
  private boolean optimal;

  SatRun(int vars, List<int[]> clauses, List<Rule> reasons, List<int[]> atMostOne,
      List<Rule> atMostOneReasons) {
    this.vars = vars;
    this.clauses = clauses;
    this.reasons = reasons;
    this.atMostOne = atMostOne;
    this.atMostOneReasons = atMostOneReasons;
  }

  /** @return whether the last {@link #optimise} proved its model optimal */
  boolean optimal() {
    return optimal;
  }

  boolean isTrue(int[] model, int var) {
    int idx = var - 1; // Sat4j models list every variable in order: +v or -v
    if (idx < model.length && Math.abs(model[idx]) == var) {
      return model[idx] > 0;
    }
    for (int l : model) {
      if (l == var) {
        return true;
      }
    }
    return false;
  }

  /**
   * Minimises the objective.
   *
   * @return the best model found, or null when there is none
   */
  int[] optimise(Map<Integer, Long> cost, PhaseHint hint, long timeLimitMs) {
    IPBSolver s = SolverFactory.newDefault();
    if (s instanceof ICDCL<?> cdcl) {
      cdcl.getOrder().setPhaseSelectionStrategy(hint);
    }
    s.newVar(vars);
    try {
      s.addClause(new VecInt(new int[] {1}));
      for (int[] c : clauses) {
        if (c.length == 0) {
          return null;
        }
        s.addClause(new VecInt(c));
      }
      for (int[] g : atMostOne) {
        s.addAtMost(new VecInt(g), 1);
      }
    } catch (ContradictionException e) {
      return null;
    }
    VecInt objVars = new VecInt();
    Vec<BigInteger> coeffs = new Vec<>();
    for (Map.Entry<Integer, Long> e : cost.entrySet()) {
      objVars.push(e.getKey());
      coeffs.push(BigInteger.valueOf(e.getValue()));
    }
    s.setObjectiveFunction(new ObjectiveFunction(objVars, coeffs));
    PseudoOptDecorator opt = new PseudoOptDecorator(s);
    long deadline = System.currentTimeMillis() + timeLimitMs;
    int[] best = null;
    try {
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        opt.setTimeoutMs(left);
        if (!opt.admitABetterSolution()) {
          optimal = best != null;
          break;
        }
        best = opt.model();
        opt.discardCurrentSolution();
      }
    } catch (ContradictionException e) {
      optimal = true;
    } catch (TimeoutException e) {
      // keep the best found
    }
    return best;
  }

  /** The relations behind an unsatisfiable core, found with one selector variable per rule. */
  List<Rule> unsatCore() {
    try {
      ISolver s = org.sat4j.minisat.SolverFactory.newDefault();
      int sel = vars + 1;
      s.newVar(vars + clauses.size() + atMostOne.size() + 2);
      Map<Integer, Rule> bySel = new HashMap<>();
      VecInt assumps = new VecInt();
      s.addClause(new VecInt(new int[] {1}));
      for (int i = 0; i < clauses.size(); i++) {
        int[] c = clauses.get(i);
        int[] withSel = java.util.Arrays.copyOf(c, c.length + 1);
        withSel[c.length] = -sel;
        s.addClause(new VecInt(withSel));
        if (reasons.get(i) != null) {
          bySel.put(sel, reasons.get(i));
          assumps.push(sel);
        } else {
          s.addClause(new VecInt(new int[] {sel}));
        }
        sel++;
      }
      for (int i = 0; i < atMostOne.size(); i++) {
        int[] g = atMostOne.get(i);
        for (int a = 0; a < g.length; a++) {
          for (int b = a + 1; b < g.length; b++) {
            s.addClause(new VecInt(new int[] {-g[a], -g[b], -sel}));
          }
        }
        bySel.put(sel, atMostOneReasons.get(i));
        assumps.push(sel);
        sel++;
      }
      if (s.isSatisfiable(assumps)) {
        return List.of();
      }
      List<Rule> out = new ArrayList<>();
      IVecInt core = s.unsatExplanation();
      if (core != null) {
        for (int i = 0; i < core.size(); i++) {
          Rule r = bySel.get(Math.abs(core.get(i)));
          if (r != null) {
            out.add(r);
          }
        }
      }
      return out;
    } catch (ContradictionException | TimeoutException e) {
      return List.of();
    }
  }
}
