/** Reading the installed packages of an RPM tree from its own rpmdb (through the rpm program). */
package dev.strata.pkgdb.rpm;
