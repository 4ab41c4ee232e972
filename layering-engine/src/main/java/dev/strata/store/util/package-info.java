/** Small system helpers of the store: crash-safe writes, Linux calls, failpoints, orderings. */
package dev.strata.store.util;
