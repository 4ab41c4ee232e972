/** Reading dpkg's own database ({@code status} and {@code info/*.list}) of a Debian tree. */
package dev.strata.pkgdb.dpkg;
