/**
 * Package layering: installs packages on top of a base commit as a new deployment (resolve, fetch,
 * import into the package cache, assemble by hardlinks, package database, commit, deploy). The
 * entry points are {@link dev.strata.layering.LayerTransaction} and {@link
 * dev.strata.layering.LayeringSpec}.
 */
package dev.strata.layering;
