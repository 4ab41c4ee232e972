package dev.strata.depsolve.version;

/** dpkg's version comparison ({@code dpkg --compare-versions}), as in dpkg's {@code verrevcmp}. */
final class DebVersions {
  private DebVersions() {}

  static int compare(String a, String b) {
    return compare(Evr.parse(a), Evr.parse(b));
  }

  static int compare(Evr a, Evr b) {
    if (a.epoch() != b.epoch()) {
      return a.epoch() < b.epoch() ? -1 : 1;
    }
    int rc = verrevcmp(a.version(), b.version());
    if (rc != 0) {
      return rc;
    }
    return verrevcmp(a.release() == null ? "" : a.release(), b.release() == null ? "" : b.release());
  }

  private static int order(int c) {
    if (c >= '0' && c <= '9') {
      return 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    } else if (c == '~') {
      return -1;
    } else if (c != 0) {
      return c + 256;
    }
    return 0;
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Compares one part (upstream version or revision). */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      int firstDiff = 0;
      while ((i < la && !digit(a.charAt(i))) || (j < lb && !digit(b.charAt(j)))) {
        int ac = order(i < la ? a.charAt(i) : 0);
        int bc = order(j < lb ? b.charAt(j) : 0);
        if (ac != bc) {
          return Integer.signum(ac - bc);
        }
        i++;
        j++;
      }
      while (i < la && a.charAt(i) == '0') {
        i++;
      }
      while (j < lb && b.charAt(j) == '0') {
        j++;
      }
      while (i < la && j < lb && digit(a.charAt(i)) && digit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < la && digit(a.charAt(i))) {
        return 1;
      }
      if (j < lb && digit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }
}
