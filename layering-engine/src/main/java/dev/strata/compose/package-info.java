/**
 * Composing base commits: {@link dev.strata.compose.TreeImport} turns a plain distribution tree
 * (such as debootstrap's output) into a tree that follows ostree's conventions and can be committed
 * and deployed.
 */
package dev.strata.compose;
