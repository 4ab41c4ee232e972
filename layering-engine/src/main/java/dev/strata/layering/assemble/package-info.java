/**
 * Assembly of a layered tree in a staging directory: the base checked out by hardlinks, package
 * commits overlaid, and the package databases replaced by fresh files (never edited through a
 * hardlink).
 */
package dev.strata.layering.assemble;
