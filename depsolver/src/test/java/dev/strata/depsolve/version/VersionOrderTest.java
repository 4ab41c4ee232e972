package dev.strata.depsolve.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionOrderTest {
  @TempDir Path tmp;

  @Test
  void testDebCompare_sameAsDpkgOnBookwormVersions() throws IOException {
    HostTools.require("dpkg");
    TreeSet<String> distinct = new TreeSet<>();
    try (var lines = Files.lines(DebianArchive.bookwormIndex()
        .resolve("dists/bookworm/main/binary-amd64/Packages"))) {
      lines.filter(l -> l.startsWith("Version: ")).forEach(l -> distinct.add(l.substring(9).trim()));
    }
    List<String> sorted = new ArrayList<>(distinct);
    List<String> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(5));
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; pairs.size() < 6000 && i + 1 < sorted.size(); i += 3) {
      pairs.add(new String[] {sorted.get(i), sorted.get(i + 1)}); // close neighbours
    }
    for (int i = 0; pairs.size() < 10200 && i + 1 < shuffled.size(); i += 2) {
      pairs.add(new String[] {shuffled.get(i), shuffled.get(i + 1)});
    }
    assertTrue(pairs.size() >= 10_000, "only " + pairs.size() + " pairs");
    int[] oracle = dpkgOracle(pairs);
    int mismatches = 0;
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < pairs.size(); i++) {
      int mine = Integer.signum(VersionScheme.DEB.compare(pairs.get(i)[0], pairs.get(i)[1]));
      if (mine != oracle[i]) {
        if (mismatches++ < 10) {
          first.append(pairs.get(i)[0]).append(" vs ").append(pairs.get(i)[1])
              .append(": dpkg ").append(oracle[i]).append(", strata ").append(mine).append('\n');
        }
      }
    }
    assertEquals(0, mismatches, first.toString());
  }

  /** One shell, two in parallel, a dpkg call per answer: lt first, then gt. */
  private int[] dpkgOracle(List<String[]> pairs) throws IOException {
    Path in = tmp.resolve("pairs");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs.size(); i++) {
      sb.append(i).append(' ').append(pairs.get(i)[0]).append(' ').append(pairs.get(i)[1]).append('\n');
    }
    Files.writeString(in, sb);
    String script = "split -n l/2 -d " + in + " " + tmp + "/part;"
        + " for f in " + tmp + "/part0*; do (while read -r n a b; do"
        + " if dpkg --compare-versions \"$a\" lt \"$b\"; then echo \"$n -1\";"
        + " elif dpkg --compare-versions \"$a\" gt \"$b\"; then echo \"$n 1\"; else echo \"$n 0\"; fi;"
        + " done < $f > $f.out) & done; wait; cat " + tmp + "/part0*.out";
    String out = HostTools.run("bash", "-c", script).ok().stdout();
    int[] result = new int[pairs.size()];
    java.util.Arrays.fill(result, 99);
    for (String line : out.split("\n")) {
      String[] f = line.split(" ");
      result[Integer.parseInt(f[0])] = Integer.parseInt(f[1]);
    }
    return result;
  }

  @Test
  void testRpmCompare_sameAsRpmVercmp() throws IOException {
    HostTools.require("rpm");
    Random r = new Random(42);
    List<String[]> pairs = new ArrayList<>();
    while (pairs.size() < 2500) {
      String a = randomRpmVersion(r);
      String b = r.nextInt(4) == 0 ? mutate(a, r) : randomRpmVersion(r);
      pairs.add(new String[] {a, b});
    }
    pairs.add(new String[] {"1.0~rc1", "1.0"});
    pairs.add(new String[] {"1.0^git1", "1.0"});
    pairs.add(new String[] {"1.0^git1", "1.0.1"});
    pairs.add(new String[] {"1.0^", "1.0~"});
    Path in = tmp.resolve("rpm-pairs");
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      sb.append(p[0]).append(' ').append(p[1]).append('\n');
    }
    Files.writeString(in, sb);
    String lua = "%{lua: for line in io.lines('" + in + "') do"
        + " local a, b = line:match('^(%S+) (%S+)$'); print(rpm.vercmp(a, b) .. '\\n') end}";
    String[] out = HostTools.run("rpm", "--eval", lua).ok().stdout().trim().split("\\s+");
    assertEquals(pairs.size(), out.length);
    long tildes = pairs.stream().filter(p -> (p[0] + p[1]).contains("~")).count();
    long carets = pairs.stream().filter(p -> (p[0] + p[1]).contains("^")).count();
    assertTrue(tildes > 200 && carets > 200, tildes + " tilde pairs, " + carets + " caret pairs");
    for (int i = 0; i < pairs.size(); i++) {
      assertEquals(Integer.parseInt(out[i]),
          Integer.signum(VersionScheme.RPM.compare(pairs.get(i)[0], pairs.get(i)[1])),
          pairs.get(i)[0] + " vs " + pairs.get(i)[1]);
    }
  }

  private static final String[] PIECES = {
    "0", "1", "2", "10", "007", "99", "a", "b", "rc", "beta", "git", "~", "^", ".", "_", "+", "~rc",
    "^post", "3", "z", "A"
  };

  private static String randomRpmVersion(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(6) == 0) {
      sb.append(r.nextInt(3)).append(':');
    }
    sb.append(r.nextInt(12));
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    if (r.nextBoolean()) {
      sb.append('-').append(r.nextInt(5));
      if (r.nextBoolean()) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
    }
    return sb.toString();
  }

  private static String mutate(String v, Random r) {
    int from = v.indexOf(':') + 1;
    int at = from + r.nextInt(v.length() - from + 1);
    return v.substring(0, at) + PIECES[r.nextInt(PIECES.length)] + v.substring(at);
  }
}
