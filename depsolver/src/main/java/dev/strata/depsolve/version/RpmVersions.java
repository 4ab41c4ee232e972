package dev.strata.depsolve.version;

/**
 * rpm's version comparison: {@code rpmvercmp} per part, as rpm 4.18's {@code rpm.vercmp} orders
 * whole versions (a missing release sorts before any release). Dependency ranges, where a missing
 * release means "any release", are handled by the matcher, not here.
 */
final class RpmVersions {
  private RpmVersions() {}

  static int compare(Evr a, Evr b) {
    if (a.epoch() != b.epoch()) {
      return a.epoch() < b.epoch() ? -1 : 1;
    }
    int rc = rpmvercmp(a.version(), b.version());
    if (rc == 0) {
      rc = rpmvercmp(a.release() == null ? "" : a.release(), b.release() == null ? "" : b.release());
    }
    return rc;
  }

  private static boolean alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** rpm's segment-wise comparison of one version or release string. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < lb && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= la) {
          return -1;
        }
        if (j >= lb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (!(i < la && j < lb)) {
        break;
      }
      int si = i;
      int sj = j;
      boolean isnum;
      if (digit(ca)) {
        while (i < la && digit(a.charAt(i))) {
          i++;
        }
        while (j < lb && digit(b.charAt(j))) {
          j++;
        }
        isnum = true;
      } else {
        while (i < la && alpha(a.charAt(i))) {
          i++;
        }
        while (j < lb && alpha(b.charAt(j))) {
          j++;
        }
        isnum = false;
      }
      if (si == i) {
        return -1;
      }
      if (sj == j) {
        return isnum ? 1 : -1;
      }
      if (isnum) {
        while (si < i && a.charAt(si) == '0') {
          si++;
        }
        while (sj < j && b.charAt(sj) == '0') {
          sj++;
        }
        int l1 = i - si;
        int l2 = j - sj;
        if (l1 != l2) {
          return l1 > l2 ? 1 : -1;
        }
      }
      int rc = a.substring(si, i).compareTo(b.substring(sj, j));
      if (rc != 0) {
        return rc < 0 ? -1 : 1;
      }
    }
    if (i >= la && j >= lb) {
      return 0;
    }
    return i >= la ? -1 : 1;
  }
}
