package dev.strata.store.gvariant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GVariantTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void testEncode_emptyTupleIsOneZeroByte() {
    assertArrayEquals(new byte[] {0}, GVariant.encode("()", List.of()));
    assertArrayEquals(new byte[] {0}, GVariant.encode("(a(say)a(sayay))", List.of(List.of(), List.of())));
  }

  @Test
  void testEncode_detachedMetadataExampleFromOstree() {
    Map<String, Variant> m = new LinkedHashMap<>();
    m.put("mykey", Variant.ofString("myval"));
    byte[] b = GVariant.encode("a{sv}", m);
    assertArrayEquals(hex("6d796b657900 0000 6d7976616c00 00 73 06 11"), b);
    assertEquals(m, GVariant.decode("a{sv}", b));
  }

  @Test
  void testEncode_xattrArrayExample() {
    List<Object> x = List.of(List.of("user.abc\0".getBytes(), "123".getBytes()),
        List.of("user.foo\0".getBytes(), "bar".getBytes()));
    byte[] b = GVariant.encode("a(ayay)", x);
    assertArrayEquals(hex("757365722e61626300 313233 09 757365722e666f6f00 626172 09 0d 1a"), b);
  }

  @Test
  void testRoundTrip_typedValues() {
    Object v = List.of(List.of("a", "b"), true, Optional.of("x"), Optional.empty(), (long) 5,
        List.of(List.of("n", "e", "v", "r", "a")), new Variant("u", 7));
    String t = "(asbmsmsta(sssss)v)";
    byte[] b = GVariant.encode(t, v);
    assertArrayEquals(b, GVariant.encode(t, GVariant.decode(t, b)));
    assertEquals(v.toString(), GVariant.decode(t, b).toString().replace("[B", "[B"));
  }

  @Test
  void testEncode_twoByteOffsetsWhenLarge() {
    List<String> l = java.util.Collections.nCopies(100, "abcdef");
    byte[] b = GVariant.encode("as", l);
    assertEquals(700 + 200, b.length);
    assertEquals(l, GVariant.decode("as", b));
  }

  @Test
  void testDecode_rejectsTruncated() {
    byte[] b = GVariant.encode("(ss)", List.of("hello", "world"));
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 3);
    assertThrows(IllegalArgumentException.class, () -> GVariant.decode("(ss)", cut));
  }

  @Test
  void testPrint_likeGlib() {
    assertEquals("['bash', 'strace']", GVariant.print("as", List.of("bash", "strace")).replace("@as ", ""));
    assertEquals("<'1.0'>", Variant.ofString("1.0").toString());
  }
}
