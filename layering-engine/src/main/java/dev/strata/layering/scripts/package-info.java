/**
 * Maintainer scripts of layered packages run through {@link dev.strata.sandbox.Sandbox} over a
 * copy-up layer: RPM %pre, %post and %posttrans; Debian preinst, postinst and dpkg triggers, with
 * dpkg's database kept right. Entry point: {@link dev.strata.layering.scripts.ScriptRunner}.
 */
package dev.strata.layering.scripts;
