package dev.strata.pkg;

/** When a maintainer script runs. */
public enum ScriptKind {
  /** RPM %pretrans. */
  PRETRANS,
  /** RPM %pre, Debian preinst. */
  PRE_INSTALL,
  /** RPM %post, Debian postinst. */
  POST_INSTALL,
  /** RPM %preun, Debian prerm. */
  PRE_REMOVE,
  /** RPM %postun, Debian postrm. */
  POST_REMOVE,
  /** RPM %posttrans. */
  POSTTRANS,
  /** RPM %preuntrans. */
  PREUNTRANS,
  /** RPM %postuntrans. */
  POSTUNTRANS,
  /** RPM %verifyscript. */
  VERIFY,
  /** Debian config (debconf). */
  CONFIG
}
