package dev.strata.pkg.rpm;

import dev.strata.pkg.PackageFormatException;
import org.redline_rpm.header.AbstractHeader;

/** Typed access to the entries of a header parsed by redline, by tag number. */
final class Tags {
  private final AbstractHeader header;
  private final String pkg;
  private final String which;

  Tags(AbstractHeader header, String pkg, String which) {
    this.header = header;
    this.pkg = pkg;
    this.which = which;
  }

  boolean has(int tag) {
    return header.getEntry(tag) != null;
  }

  private Object values(int tag) {
    AbstractHeader.Entry<?> e = header.getEntry(tag);
    return e == null ? null : e.getValues();
  }

  /** @return the strings of a STRING/STRING_ARRAY/I18NSTRING tag, or an empty array */
  String[] strings(int tag) throws PackageFormatException {
    Object v = values(tag);
    if (v == null) {
      return new String[0];
    }
    if (v instanceof String[] s) {
      return s;
    }
    throw wrongType(tag, "strings");
  }

  /** @return the first string of a tag, or "" */
  String string(int tag) throws PackageFormatException {
    String[] s = strings(tag);
    return s.length == 0 ? "" : s[0];
  }

  /** @return the values of an integer tag of any width as longs, or an empty array */
  long[] longs(int tag) throws PackageFormatException {
    Object v = values(tag);
    if (v == null) {
      return new long[0];
    }
    if (v instanceof int[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (v instanceof short[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i] & 0xffff;
      }
      return out;
    }
    if (v instanceof long[] a) {
      return a.clone();
    }
    if (v instanceof byte[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i] & 0xff;
      }
      return out;
    }
    throw wrongType(tag, "integers");
  }

  /** @return INT32 values as unsigned longs */
  long[] unsigned32(int tag) throws PackageFormatException {
    long[] v = longs(tag);
    for (int i = 0; i < v.length; i++) {
      v[i] &= 0xffffffffL;
    }
    return v;
  }

  /** @return the bytes of a BIN tag, or null */
  byte[] bin(int tag) throws PackageFormatException {
    Object v = values(tag);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] b) {
      return b;
    }
    throw wrongType(tag, "binary");
  }

  PackageFormatException wrongType(int tag, String expected) {
    return PackageFormatException.of("header tag of the wrong type (expected " + expected + ")",
        pkg, which + " tag " + tag, "the package is corrupt; download it again");
  }

  PackageFormatException bad(String what, String entry) {
    return PackageFormatException.of(what, pkg, entry, "the package is corrupt; download it again");
  }
}
