package dev.strata.depsolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.depsolve.repo.RepositoryException;
import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed Debian repositories made with gpg, broken one way at a time: each must give one clear
 * line of error and no plan.
 */
class RepositoryErrorsTest {
  @TempDir static Path dir;
  static Path gnupg;
  static Path goodKeyring;
  static Path otherKeyring;
  static Path expiredKeyring;

  static final String PACKAGES = "Package: app\nVersion: 1.0-1\nArchitecture: amd64\n"
      + "Depends: libapp (>= 1.0)\nFilename: pool/a/app_1.0-1_amd64.deb\nSize: 10\n\n"
      + "Package: libapp\nVersion: 1.2-1\nArchitecture: amd64\nMulti-Arch: same\n"
      + "Filename: pool/l/libapp_1.2-1_amd64.deb\nSize: 10\n";

  static final String STATUS = "Package: dpkg\nStatus: install ok installed\nVersion: 1.21.22\n"
      + "Architecture: amd64\n\n";

  @BeforeAll
  static void keys() throws IOException {
    HostTools.require("gpg");
    gnupg = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    gpg("--quick-gen-key", "Strata Test <good@example.invalid>", "ed25519", "sign", "2y");
    gpg("--quick-gen-key", "Other Key <other@example.invalid>", "ed25519", "sign", "2y");
    gpg("--faked-system-time", "20200101T000000", "--quick-gen-key",
        "Expired Key <expired@example.invalid>", "ed25519", "sign", "1y");
    goodKeyring = export("good@example.invalid");
    otherKeyring = export("other@example.invalid");
    expiredKeyring = export("expired@example.invalid");
  }

  private static HostTools.Result gpg(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--batch", "--homedir",
        gnupg.toString(), "--pinentry-mode", "loopback", "--passphrase", ""));
    cmd.addAll(List.of(args));
    return HostTools.run(cmd, null, Map.of(), java.time.Duration.ofMinutes(2)).ok();
  }

  private static Path export(String uid) throws IOException {
    Path out = dir.resolve(uid.substring(0, uid.indexOf('@')) + ".gpg");
    gpg("--output", out.toString(), "--export", uid);
    return out;
  }

  /** A tree with a source at a fresh mirror; returns the tree root. */
  private static Path repo(String name, byte[] packages, String indexName, String signer,
      Path keyring, boolean tamperAfterSigning, String fakedTime) throws IOException {
    Path mirror = Files.createDirectories(dir.resolve(name + "/mirror/dists/test/main/binary-amd64"));
    Files.write(mirror.resolve(indexName), packages);
    String release = "Origin: Test\nSuite: test\nCodename: test\n"
        + "Date: Sat, 11 Jul 2026 10:16:37 UTC\nSHA256:\n " + sha256(packages) + " "
        + packages.length + " main/binary-amd64/" + indexName + "\n";
    Path dists = dir.resolve(name + "/mirror/dists/test");
    Files.writeString(dists.resolve("Release"), release);
    if (signer == null) {
      Files.writeString(dists.resolve("InRelease"), release);
    } else {
      List<String> args = new java.util.ArrayList<>();
      if (fakedTime != null) {
        args.addAll(List.of("--faked-system-time", fakedTime));
      }
      args.addAll(List.of("--local-user", signer, "--digest-algo", "SHA256", "--output",
          dists.resolve("InRelease").toString(), "--clearsign", dists.resolve("Release").toString()));
      gpg(args.toArray(String[]::new));
    }
    if (tamperAfterSigning) {
      Files.write(mirror.resolve(indexName), (new String(packages, StandardCharsets.UTF_8)
          .replace("1.2-1", "1.3-1")).getBytes(StandardCharsets.UTF_8));
    }
    Path tree = dir.resolve(name + "/tree");
    Files.createDirectories(tree.resolve("etc/apt/sources.list.d"));
    Files.createDirectories(tree.resolve("var/lib/dpkg"));
    Files.writeString(tree.resolve("var/lib/dpkg/status"), STATUS);
    Files.writeString(tree.resolve("etc/apt/sources.list.d/test.list"),
        "deb [signed-by=" + keyring + "] file:" + dir.resolve(name + "/mirror") + " test main\n");
    return tree;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String assertNoPlan(Path tree) {
    RepositoryException e = assertThrows(RepositoryException.class,
        () -> Solver.forTree(tree, null).solve(Request.of("app")));
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains("; "), "no '<what failed>; <what to do>' shape: " + m);
    return m;
  }

  @Test
  void testSignedRepository_plans() throws Exception {
    Path tree = repo("good", bytes(PACKAGES), "Packages", "good@example.invalid", goodKeyring,
        false, null);
    assertEquals(List.of("app", "libapp"), Solver.forTree(tree, null).solve(Request.of("app")).names());
  }

  @Test
  void testCompressedIndexes_xzAndGz() throws Exception {
    Path xz = dir.resolve("p.xz");
    Path gz = dir.resolve("p.gz");
    Files.writeString(dir.resolve("p"), PACKAGES);
    HostTools.run("sh", "-c", "xz -k -c " + dir.resolve("p") + " > " + xz
        + " && gzip -n -c " + dir.resolve("p") + " > " + gz).ok();
    for (String[] v : new String[][] {{"Packages.xz", xz.toString()}, {"Packages.gz", gz.toString()}}) {
      Path tree = repo("c" + v[0].substring(9), Files.readAllBytes(Path.of(v[1])), v[0],
          "good@example.invalid", goodKeyring, false, null);
      assertEquals(List.of("app", "libapp"), Solver.forTree(tree, dir.resolve("cache"))
          .solve(Request.of("app")).names());
      // second time from the binary cache
      assertEquals(List.of("app", "libapp"), Solver.forTree(tree, dir.resolve("cache"))
          .solve(Request.of("app")).names());
    }
  }

  @Test
  void testUnsignedInRelease_error() throws Exception {
    String m = assertNoPlan(repo("unsigned", bytes(PACKAGES), "Packages", null, goodKeyring, false, null));
    assertTrue(m.contains("is not signed"), m);
  }

  @Test
  void testTamperedInRelease_badSignature() throws Exception {
    Path tree = repo("tampered", bytes(PACKAGES), "Packages", "good@example.invalid", goodKeyring,
        false, null);
    Path inRelease = dir.resolve("tampered/mirror/dists/test/InRelease");
    Files.writeString(inRelease, Files.readString(inRelease).replace("Origin: Test", "Origin: Evil"));
    String m = assertNoPlan(tree);
    assertTrue(m.contains("BAD signature"), m);
  }

  @Test
  void testTamperedAfterCachedSolve_stillRejected() throws Exception {
    Path tree = repo("cachedthentampered", bytes(PACKAGES), "Packages", "good@example.invalid",
        goodKeyring, false, null);
    Path cache = dir.resolve("cache-tamper");
    assertEquals(List.of("app", "libapp"), Solver.forTree(tree, cache).solve(Request.of("app")).names());
    Path inRelease = dir.resolve("cachedthentampered/mirror/dists/test/InRelease");
    Files.writeString(inRelease, Files.readString(inRelease).replace("Origin: Test", "Origin: Evil"));
    RepositoryException e = assertThrows(RepositoryException.class, () -> Solver.forTree(tree, cache));
    assertTrue(e.getMessage().contains("BAD signature"), e.getMessage());
  }

  @Test
  void testCorruptOrTruncatedCache_detectedAndRebuilt() throws Exception {
    Path tree = repo("cachecorrupt", bytes(PACKAGES), "Packages", "good@example.invalid",
        goodKeyring, false, null);
    Path cache = dir.resolve("cache-corrupt");
    assertEquals(List.of("app", "libapp"), Solver.forTree(tree, cache).solve(Request.of("app")).names());
    Path image;
    try (var files = Files.list(cache)) {
      image = files.filter(f -> f.getFileName().toString().startsWith("deb-")).findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(image);
    String text = new String(good, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("Version: 1.2-1");
    assertTrue(at > 0, "the cached image holds libapp's paragraph");
    // libapp 0.2-1 would not satisfy app's "libapp (>= 1.0)": a trusted corrupt cache gives no plan
    byte[] flipped = good.clone();
    flipped[at + "Version: ".length()] = '0';
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    byte[] garbage = bytes("not a cache file at all");
    for (byte[] bad : List.of(flipped, truncated, garbage, new byte[0])) {
      Files.write(image, bad);
      assertEquals(List.of("app", "libapp"), Solver.forTree(tree, cache).solve(Request.of("app")).names());
      assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(image)), "the cache was rebuilt");
    }
  }

  @Test
  void testHashMismatch_error() throws Exception {
    String m = assertNoPlan(repo("mismatch", bytes(PACKAGES), "Packages", "good@example.invalid",
        goodKeyring, true, null));
    assertTrue(m.contains("does not match") && m.contains("InRelease"), m);
  }

  @Test
  void testMissingKey_error() throws Exception {
    String m = assertNoPlan(repo("otherkey", bytes(PACKAGES), "Packages", "good@example.invalid",
        otherKeyring, false, null));
    assertTrue(m.contains("no key"), m);
  }

  @Test
  void testMissingKeyring_error() throws Exception {
    String m = assertNoPlan(repo("nokeyring", bytes(PACKAGES), "Packages", "good@example.invalid",
        dir.resolve("absent.gpg"), false, null));
    assertTrue(m.contains("does not exist"), m);
  }

  @Test
  void testExpiredKey_error() throws Exception {
    String m = assertNoPlan(repo("expired", bytes(PACKAGES), "Packages", "expired@example.invalid",
        expiredKeyring, false, "20200601T000000"));
    assertTrue(m.contains("expired"), m);
  }

  @Test
  void testCorruptIndex_error() throws Exception {
    String m = assertNoPlan(repo("corrupt", bytes("Package: app\nthis is not a field line\n"),
        "Packages", "good@example.invalid", goodKeyring, false, null));
    assertTrue(m.contains("corrupt"), m);
  }

  @Test
  void testCorruptCompressedIndex_error() throws Exception {
    String m = assertNoPlan(repo("corruptxz", bytes("not xz at all"), "Packages.xz",
        "good@example.invalid", goodKeyring, false, null));
    assertTrue(m.contains("cannot be uncompressed"), m);
  }
}
