/**
 * The package database of a tree: which packages a base or layered tree holds, with their files,
 * provides and requires, kept in an H2 file that is only ever replaced whole (copy, edit, fsync,
 * rename).
 */
package dev.strata.pkgdb;
