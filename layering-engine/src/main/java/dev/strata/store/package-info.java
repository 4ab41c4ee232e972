/**
 * The OSTree-compatible object store: {@link dev.strata.store.Repo} (the facade), value types for
 * every on-disk object ({@link dev.strata.store.Commit}, {@link dev.strata.store.DirTree},
 * {@link dev.strata.store.DirMeta}, {@link dev.strata.store.FileHeader},
 * {@link dev.strata.store.Checksum}), commits and tree browsing.
 */
package dev.strata.store;
