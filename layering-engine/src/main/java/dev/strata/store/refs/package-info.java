/** Refs of a repository: lookup, listing, compare-and-swap updates, deletion. */
package dev.strata.store.refs;
