package dev.strata.sysroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootEntryTest {
  private static final String ENTRY = """
      title Test OS 1 1.0 (ostree:0)
      version 1
      options root=LABEL=root rw ostree=/ostree/boot.1/testos/24ea/0
      linux /ostree/testos-24ea/vmlinuz-6.1.0-test
      initrd /ostree/testos-24ea/initramfs-6.1.0-test.img
      """;

  @Test
  void testParseFormat_roundTrip() {
    BootEntry e = BootEntry.parse(ENTRY);
    assertEquals(ENTRY, e.format());
    assertEquals("1", e.get("version"));
    assertEquals("Test OS 1 1.0 (ostree:0)", e.get("title"));
    assertEquals("root=LABEL=root rw", e.options().without("ostree").toString());
  }

  @Test
  void testStrverscmp_numericOrder() {
    assertTrue(StateReader.strverscmp("10", "9") > 0);
    assertTrue(StateReader.strverscmp("2", "10") < 0);
    assertEquals(0, StateReader.strverscmp("3", "3"));
  }
}
