package dev.strata.sysroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginTest {
  /** Written by ostree admin pin 2022.7. */
  private static final String PINNED = "[origin]\nrefspec=testos/stable\n\n[libostree-transient]\npinned=true\n";

  @Test
  void testPinnedOrigin_roundTripsByteForByte() {
    Origin o = Origin.parse(PINNED);
    assertTrue(o.pinned());
    assertEquals("testos/stable", o.refspec());
    assertEquals(PINNED, o.format());
  }

  @Test
  void testWithPinned_matchesOstreeText() {
    Origin o = Origin.forRefspec("testos/stable");
    assertEquals("[origin]\nrefspec=testos/stable\n", o.format());
    assertEquals(PINNED, o.withPinned(true).format());
    assertFalse(o.withPinned(true).withPinned(false).pinned());
    assertEquals(o.format(), o.withPinned(true).withPinned(false).format());
  }
}
