/**
 * Running a program confined to a directory tree: the narrow {@link dev.strata.sandbox.Sandbox}
 * interface, its immutable {@link dev.strata.sandbox.SandboxSpec}, the {@link
 * dev.strata.sandbox.ProcessResult}, and the kernel overlay {@link dev.strata.sandbox.CopyUpLayer}
 * that keeps every write away from the tree's own (hardlinked) files.
 */
package dev.strata.sandbox;
