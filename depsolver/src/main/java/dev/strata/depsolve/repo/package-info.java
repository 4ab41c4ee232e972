/**
 * Repository metadata: a tree's source configuration, Debian InRelease (OpenPGP-verified) and
 * Packages indexes, rpm-md repomd/primary/filelists, dpkg status, and the binary metadata cache.
 */
package dev.strata.depsolve.repo;
