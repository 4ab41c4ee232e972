package dev.strata.depsolve.internal;

import org.sat4j.minisat.core.IPhaseSelectionStrategy;

/** Sat4j phase selection that tries "not installed" first unless a variable is hinted true. */
final class PhaseHint implements IPhaseSelectionStrategy {
  private static final long serialVersionUID = 1L;
  private boolean[] preferTrue = new boolean[0];

  void prefer(int var) {
    if (var >= preferTrue.length) {
      preferTrue = java.util.Arrays.copyOf(preferTrue, Math.max(var + 1, preferTrue.length * 2));
    }
    preferTrue[var] = true;
  }

  @Override
  public void updateVar(int p) {}

  @Override
  public void init(int nlength) {}

  @Override
  public void init(int var, int p) {}

  @Override
  public void assignLiteral(int p) {}

  @Override
  public int select(int var) {
    boolean t = var < preferTrue.length && preferTrue[var];
    return t ? var << 1 : (var << 1) | 1;
  }

  @Override
  public void updateVarAtDecisionLevel(int q) {}
}
