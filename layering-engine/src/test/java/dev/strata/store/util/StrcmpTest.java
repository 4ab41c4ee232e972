package dev.strata.store.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrcmpTest {
  @Test
  void testCompare_matchesUtf8ByteOrder() {
    List<String> names = List.of("", "a", "ab", "b", "B", "-x", " sp", "a b", "\u00e9t\u00e9", "\u00e9", "z",
        "\uffff", "\ue000", "\ud83d\ude00", "\ud83d\ude00a", "\ud800\udc00", "x\ud83d\ude00", "x\uffe0", "x\u007f");
    for (String a : names) {
      for (String b : names) {
        int bytes = Integer.signum(java.util.Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(bytes, Integer.signum(Strcmp.compare(a, b)), "'" + a + "' vs '" + b + "'");
      }
    }
  }
}
