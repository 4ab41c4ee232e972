/** Checking commits out into directories: hardlinks from bare repositories, copies otherwise. */
package dev.strata.store.checkout;
