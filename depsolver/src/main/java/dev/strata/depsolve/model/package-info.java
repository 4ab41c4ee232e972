/**
 * The solver's view of packages: {@link dev.strata.depsolve.model.Package} with its relations
 * ({@link dev.strata.depsolve.model.Relation}, {@link dev.strata.depsolve.model.BoolDep}), shared
 * by Debian and RPM metadata.
 */
package dev.strata.depsolve.model;
