package dev.strata.store.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void testNative_matchesJdkOnManySizes() throws Exception {
    assertTrue(Sha256.isNative(), "libcrypto should be found on Debian 12");
    Random r = new Random(42);
    for (int size : new int[] {0, 1, 55, 56, 64, 1000, 65536, 1 << 20}) {
      byte[] a = new byte[size];
      r.nextBytes(a);
      Sha256 s = Sha256.create();
      s.update(new byte[] {1, 2, 3});
      s.update(a, size);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(new byte[] {1, 2, 3});
      md.update(a);
      assertArrayEquals(md.digest(), s.digest(), "size " + size);
    }
  }

  @Test
  void testFailpoints_parseList() {
    assertTrue(Failpoints.parse(" a, b ,,c").containsAll(java.util.List.of("a", "b", "c")));
    assertTrue(Failpoints.parse(null).isEmpty());
  }
}
