package dev.strata.sysroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KargsTest {
  private static final Kargs BASE = Kargs.parse("root=LABEL=root console=tty0 console=ttyS0 rw ostree=/ostree/boot.1/x/y/0");

  @Test
  void testReplace_keepsPositionOfFirstOccurrence() {
    assertEquals("root=LABEL=root console=ttyS1 rw ostree=/ostree/boot.1/x/y/0",
        BASE.replace("console=ttyS1").toString());
    assertEquals("root=LABEL=root console=tty0 console=ttyS0 rw ostree=/new",
        BASE.replace("ostree=/new").toString());
    assertEquals(BASE + " quiet", BASE.replace("quiet").toString());
  }

  @Test
  void testDelete_singleValueByKey_multiValueNeedsValue() {
    assertEquals("root=LABEL=root console=tty0 console=ttyS0 ostree=/ostree/boot.1/x/y/0", BASE.delete("rw").toString());
    assertThrows(IllegalArgumentException.class, () -> BASE.delete("console"));
    assertEquals("root=LABEL=root console=ttyS0 rw ostree=/ostree/boot.1/x/y/0", BASE.delete("console=tty0").toString());
    assertThrows(IllegalArgumentException.class, () -> BASE.delete("nosuch"));
  }

  @Test
  void testReplaceValue_oldNewForm() {
    assertEquals("root=LABEL=root console=tty0 console=ttyS1 rw ostree=/ostree/boot.1/x/y/0",
        BASE.replaceValue("console=ttyS0=ttyS1").toString());
    assertThrows(IllegalArgumentException.class, () -> BASE.replaceValue("console=ttyS9"));
  }

  @Test
  void testAppendIfMissing() {
    assertEquals(BASE, BASE.appendIfMissing("rw"));
    assertEquals(BASE + " quiet", BASE.appendIfMissing("quiet").toString());
  }

  @Test
  void testParse_quotedValueKeepsSpaces() {
    assertEquals(2, Kargs.parse("a=\"x y\" b").args().size());
  }
}
