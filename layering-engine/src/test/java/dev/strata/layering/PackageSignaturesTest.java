package dev.strata.layering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.depsolve.repo.Source;
import dev.strata.fixtures.RpmSigner;
import dev.strata.fixtures.TestRpm;
import dev.strata.pkg.rpm.RpmArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RPM package signatures (yum {@code gpgcheck=1}) made by {@code rpmsign --addsign} with gpg keys
 * (RSA and Ed25519): Strata's verdict must be {@code rpm -K}'s, against the same keys.
 */
class PackageSignaturesTest {
  @TempDir static Path dir;
  static RpmSigner signer;
  static Path keys;

  @BeforeAll
  static void keys() {
    signer = new RpmSigner(dir);
    signer.key("rsa@example.invalid", "rsa2048");
    signer.key("ed@example.invalid", "ed25519");
    signer.key("other@example.invalid", "ed25519");
    // one armored file holding two keys, as distributions ship them
    keys = signer.export(dir.resolve("RPM-GPG-KEY-test"), "rsa@example.invalid", "ed@example.invalid");
    signer.trust(keys);
  }

  @AfterAll
  static void stop() {
    signer.close();
  }

  private static Path rpm(String name) throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    return TestRpm.builder(name).summary("Signed test " + name)
        .file("/usr/share/" + name + "/data", (name + "\n").getBytes(), 0644).build(d);
  }

  private static Source source(boolean gpgcheck, Path... keyFiles) {
    return new Source("fixture", Source.Kind.RPM, dir.toUri(), null, List.of(), List.of(keyFiles),
        false, false, gpgcheck);
  }

  /** @return null when Strata accepts the package, else its message */
  private static String strata(Path rpm, Source src) throws IOException {
    try {
      new PackageSignatures(Instant.now()).check(rpm, rpm.getFileName().toString(), src);
      return null;
    } catch (LayeringException e) {
      return e.getMessage();
    }
  }

  @Test
  void testGoodSignatures_rsaEd25519AndLegacy_acceptedAsByRpm() throws Exception {
    for (String[] c : new String[][] {{"rsahdr", "rsa@example.invalid", "no"},
        {"edhdr", "ed@example.invalid", "no"}, {"rsalegacy", "rsa@example.invalid", "v3"}}) {
      Path p = rpm(c[0]);
      signer.sign(p, c[1], c[2].equals("v3"));
      assertTrue(signer.check(p), "rpm -K accepts " + p);
      assertEquals(null, strata(p, source(true, keys)), p.toString());
      try (RpmArchive a = RpmArchive.open(p)) {
        assertTrue(a.signature().orElseThrow().headerOnly(), "rpm 4.18 always adds the header signature");
      }
    }
  }

  @Test
  void testLegacyHeaderAndPayloadSignatureOnly_checkedOverBoth() throws Exception {
    Path p = rpm("legacyonly");
    signer.sign(p, "rsa@example.invalid", true);
    RpmSigner.dropHeaderSignature(p);
    try (RpmArchive a = RpmArchive.open(p)) {
      assertFalse(a.signature().orElseThrow().headerOnly());
    }
    assertTrue(signer.check(p), "rpm -K checks the legacy signature");
    assertEquals(null, strata(p, source(true, keys)));

    byte[] b = Files.readAllBytes(p);
    b[b.length - 3] ^= 1; // inside the compressed payload, which only the legacy signature covers
    Files.write(p, b);
    assertFalse(signer.check(p), "rpm -K rejects the changed payload");
    String e = strata(p, source(true, keys));
    assertTrue(e.startsWith("legacyonly-1.0-1.noarch.rpm: the header+payload signature is not valid"
        + " (BAD signature by key "), e);
  }

  @Test
  void testUnsigned_refusedUnderGpgcheck_acceptedWithout() throws Exception {
    Path p = rpm("unsigned");
    assertFalse(signer.check(p), "rpm -K finds no signature");
    assertEquals("unsigned-1.0-1.noarch.rpm: the package is not signed, but repository [fixture]"
        + " has gpgcheck=1; sign it with 'rpmsign --addsign' (or use a repository of signed"
        + " packages), or set gpgcheck=0 for repository [fixture] to install it unverified",
        strata(p, source(true, keys)));
    assertEquals(null, strata(p, source(false)), "gpgcheck=0: digests only");
  }

  @Test
  void testSignedByAKeyNotInGpgkey_refused() throws Exception {
    Path p = rpm("stranger");
    signer.sign(p, "other@example.invalid", false);
    assertFalse(signer.check(p), "rpm -K does not know the key");
    String e = strata(p, source(true, keys));
    assertTrue(e.startsWith("stranger-1.0-1.noarch.rpm: the header signature is not valid (no key ")
        && e.endsWith(" in the keyring); add the key that signed it to gpgkey= of repository"
            + " [fixture] if you trust it, or do not install the package"), e);
    Path other = signer.export(dir.resolve("other.asc"), "other@example.invalid");
    assertEquals(null, strata(p, source(true, keys, other)), "with the signer's key in gpgkey");
  }

  @Test
  void testTamperedHeader_badSignature() throws Exception {
    for (String[] c : new String[][] {{"tamperrsa", "rsa@example.invalid"},
        {"tampered", "ed@example.invalid"}}) {
      Path p = rpm(c[0]);
      signer.sign(p, c[1], false);
      RpmSigner.tamperHeader(p, "Signed test " + c[0]);
      assertFalse(signer.check(p), "rpm -K rejects the changed header");
      String e = strata(p, source(true, keys));
      assertTrue(e.startsWith(p.getFileName() + ": the header signature is not valid (BAD"
          + " signature by key ") && e.endsWith("; the package was changed after it was signed;"
              + " fetch it from a trustworthy mirror or remove it from the repository"), e);
    }
  }

  /**
   * Stricter than rpm 4.18, whose {@code rpm -K} accepts this package (it does not check key
   * expiry): Strata checks the key's validity now, as it does for repository metadata.
   */
  @Test
  void testSignedByAKeyExpiredSince_refused() throws Exception {
    Path p = rpm("expiredkey");
    signer.expiredKey("expired@example.invalid");
    signer.sign(p, "expired@example.invalid", false, "20200601T000000");
    Path expired = signer.export(dir.resolve("expired.asc"), "expired@example.invalid");
    String e = strata(p, source(true, expired));
    assertTrue(e.startsWith("expiredkey-1.0-1.noarch.rpm: the header signature is not valid (key ")
        && e.contains(" expired on 2020-12-31")
        && e.endsWith("; update gpgkey= of repository [fixture] to the repository's valid key"), e);
  }

  @Test
  void testGpgcheckWithoutKey_saysSo() throws Exception {
    Path p = rpm("nokey");
    signer.sign(p, "rsa@example.invalid", false);
    assertEquals("nokey-1.0-1.noarch.rpm: repository [fixture] has gpgcheck=1 but names no key;"
        + " add gpgkey=file:///PATH/TO/KEY (file: keys only) or set gpgcheck=0",
        strata(p, source(true)));
  }
}
