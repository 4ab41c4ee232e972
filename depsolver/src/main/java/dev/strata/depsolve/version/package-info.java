/**
 * Package versions: the {@link dev.strata.depsolve.version.Evr} value type and the dpkg and rpm
 * orders ({@link dev.strata.depsolve.version.VersionScheme}).
 */
package dev.strata.depsolve.version;
