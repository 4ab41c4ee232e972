package dev.strata.pkg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strata.fixtures.DebianArchive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer: at least 10,000 mutated RPMs and .debs, each of which must read
 * cleanly or fail with {@link PackageFormatException}, never another exception or an error.
 */
class FuzzTest {
  static final int ITERATIONS = Integer.getInteger("strata.fuzz.iterations", 10_000);
  static final long SEED = Long.getLong("strata.fuzz.seed", 0x5eed_2026L);

  @TempDir Path tmp;

  @Test
  void testMutatedPackages_onlyFormatErrors() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    List<Boolean> isRpm = new ArrayList<>();
    for (String payload : List.of("w9.gzdio", "w6.xzdio", "w19.zstdio")) {
      Path dir = Files.createDirectories(tmp.resolve(payload));
      seeds.add(Files.readAllBytes(TestRpms.rpmbuild(dir, payload)));
      isRpm.add(true);
    }
    Crafted.Deb small = new Crafted.Deb().dir("./").dir("./usr/").dir("./usr/bin/")
        .file("./usr/bin/foo", "#!/bin/sh\necho foo\n").symlink("./usr/bin/bar", "foo")
        .hardlink("./usr/bin/baz", "./usr/bin/foo")
        .md5sums("4d3a8a3cbd5c0e4cc2ac0b4d2c4e3d8d  usr/bin/foo\n");
    seeds.add(small.dataMember("data.tar").bytes());
    isRpm.add(false);
    seeds.add(small.dataMember("data.tar.gz").bytes());
    isRpm.add(false);
    Path archives = DebianArchive.minbase().resolve("var/cache/apt/archives");
    for (String real : List.of("usr-is-merged_", "libdebconfclient0_")) {
      try (java.util.stream.Stream<Path> s = Files.list(archives)) {
        seeds.add(Files.readAllBytes(s.filter(p -> p.getFileName().toString().startsWith(real))
            .findFirst().orElseThrow()));
      }
      isRpm.add(false);
    }

    SplittableRandom rnd = new SplittableRandom(SEED);
    Path file = tmp.resolve("fuzz.pkg");
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      int s = i % seeds.size();
      byte[] input = mutate(seeds.get(s), rnd);
      if (isRpm.get(s) && rnd.nextInt(3) > 0) {
        try {
          Crafted.RpmLayout.of(input).fixHeaderDigests(input);
        } catch (Exception | Error ignored) {
          // the layout itself was mutated beyond repair: feed it as is
        }
      }
      Files.write(file, input);
      try {
        PackageArchive.read(file);
      } catch (PackageFormatException e) {
        rejected++;
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains("; "), e.getMessage());
      } catch (Throwable t) {
        Path keep = Files.write(tmp.getParent().resolve("strata-fuzz-" + SEED + "-" + i + ".bin"),
            input);
        fail("iteration " + i + " (seed " + SEED + ", input kept in " + keep + ") threw " + t, t);
      }
    }
    assertTrue(rejected > ITERATIONS / 2, "most mutations are rejected: " + rejected);
  }

  static byte[] mutate(byte[] seed, SplittableRandom rnd) {
    byte[] b = seed.clone();
    int n = 1 + rnd.nextInt(4);
    for (int k = 0; k < n; k++) {
      // bias towards the headers, where the structure is
      int limit = rnd.nextBoolean() ? Math.min(b.length, 4096) : b.length;
      if (limit == 0) {
        return b;
      }
      int at = rnd.nextInt(limit);
      switch (rnd.nextInt(7)) {
        case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> b[at] = (byte) rnd.nextInt(256);
        case 2 -> {
          if (at + 4 <= b.length) {
            int[] nasty = {0x7fffffff, 0xffffffff, 0x80000000, 0, 1, 0x10000, b.length};
            ByteBuffer.wrap(b).putInt(at, nasty[rnd.nextInt(nasty.length)]);
          }
        }
        case 3 -> b = Arrays.copyOf(b, at);
        case 4 -> {
          byte[] ins = new byte[1 + rnd.nextInt(16)];
          rnd.nextBytes(ins);
          byte[] out = new byte[b.length + ins.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(ins, 0, out, at, ins.length);
          System.arraycopy(b, at, out, at + ins.length, b.length - at);
          b = out;
        }
        case 5 -> {
          int len = Math.min(1 + rnd.nextInt(64), b.length - at);
          byte[] out = new byte[b.length - len];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, at + len, out, at, b.length - at - len);
          b = out;
        }
        default -> {
          for (int j = at; j < Math.min(b.length, at + 10); j++) {
            b[j] = (byte) ('0' + rnd.nextInt(10));
          }
        }
      }
    }
    return b;
  }

}
