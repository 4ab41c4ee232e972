/**
 * The bubblewrap implementation of {@link dev.strata.sandbox.Sandbox}: {@link
 * dev.strata.sandbox.bwrap.BwrapSandbox}.
 */
package dev.strata.sandbox.bwrap;
