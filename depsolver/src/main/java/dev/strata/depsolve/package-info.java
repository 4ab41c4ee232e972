/**
 * The depsolver: what to add to a base tree so that requested packages can be installed, with
 * every base package locked. Start with {@link dev.strata.depsolve.Solver}, give it a
 * {@link dev.strata.depsolve.Request} and read the {@link dev.strata.depsolve.Plan}; failures are
 * {@link dev.strata.depsolve.SolveException}s whose message says what failed and what to do.
 */
package dev.strata.depsolve;
