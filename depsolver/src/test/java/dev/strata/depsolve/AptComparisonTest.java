package dev.strata.depsolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.strata.fixtures.DebianArchive;
import dev.strata.fixtures.HostTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strata's plans on a real bookworm minbase and the real bookworm main index, compared with
 * {@code apt-get --simulate --no-install-recommends install} in a chroot of the same tree.
 * apt's answers are cached by index and base, so reruns only run Strata.
 */
class AptComparisonTest {
  /** Requests: servers, libraries, desktops, virtual packages, alternatives. */
  static final List<String> REQUESTS = List.of(
      "strace", "build-essential", "gnome-core", "libreoffice", "task-gnome-desktop", "postfix",
      "nginx", "apache2", "openssh-server", "vim", "emacs-nox", "git", "curl", "wget", "python3",
      "python3-numpy", "default-jdk-headless", "postgresql", "mariadb-server", "redis-server",
      "docker.io", "podman", "tmux", "htop", "clang", "cmake", "rsync", "sudo", "cron",
      "nfs-common", "samba", "bind9", "dnsmasq", "haproxy", "squid", "bsd-mailx", "mutt",
      "rsyslog", "network-manager", "xterm", "firefox-esr", "libssl-dev", "zlib1g-dev",
      "ruby", "nodejs", "php", "golang", "awk", "mail-transport-agent", "exim4",
      "logrotate", "libgtk-3-0", "lighttpd", "texlive-base");

  static Path dir;
  static BookwormTree tree;
  static Solver solver;
  static Path aptCache;

  @BeforeAll
  static void setUp() throws IOException {
    HostTools.require("apt-get");
    HostTools.require("chroot");
    dir = Files.createTempDirectory("strata-aptcmp");
    tree = BookwormTree.create(dir);
    aptCache = DebianArchive.cacheDir().resolve("apt-simulate-" + BookwormTree.stateKey());
    Files.createDirectories(aptCache);
    solver = Solver.forTree(tree.root, dir.resolve("cache"));
  }

  @AfterAll
  static void tearDown() throws IOException {
    DebianArchive.deleteTree(dir);
  }

  private static boolean updated;

  /** apt's plan for a request, from the cache or by running apt once. */
  static List<String> apt(String request) throws IOException {
    Path f = aptCache.resolve(request + ".txt");
    if (Files.exists(f)) {
      String s = Files.readString(f);
      return s.equals("FAILED\n") ? null : s.lines().filter(l -> !l.isEmpty()).toList();
    }
    if (!updated) {
      tree.aptUpdate();
      updated = true;
    }
    List<String> r = tree.aptSimulate(List.of(request));
    Path tmp = Files.createTempFile(aptCache, "r", ".tmp");
    Files.writeString(tmp, r == null ? "FAILED\n" : String.join("\n", r) + "\n");
    Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return r;
  }

  @Test
  void testPlans_matchAptOrExplainedDifference() throws Exception {
    Properties explained = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/apt-differences.properties")) {
      explained.load(in);
    }
    assertTrue(REQUESTS.size() >= 46);
    List<String> failures = new ArrayList<>();
    int identical = 0;
    for (String req : REQUESTS) {
      List<String> aptPlan = apt(req);
      Plan plan;
      try {
        plan = solver.solve(Request.of(req));
      } catch (SolveException e) {
        if (aptPlan != null) {
          failures.add(req + ": strata refused (" + e.getMessage() + ") but apt installs "
              + aptPlan.size() + " packages");
        }
        continue;
      }
      if (aptPlan == null) {
        if (!(plan.install().isEmpty() && explained.getProperty(req) != null)) {
          failures.add(req + ": apt refuses but strata plans " + plan.install().size() + " packages");
        }
        continue;
      }
      List<String> problems = solver.check(plan, false);
      if (!problems.isEmpty()) {
        failures.add(req + ": plan not installable: " + problems);
        continue;
      }
      Set<String> mine = new TreeSet<>();
      plan.install().forEach(i -> mine.add(i.name() + "=" + i.evr()));
      Set<String> theirs = new TreeSet<>(aptPlan);
      if (mine.equals(theirs)) {
        identical++;
        continue;
      }
      Set<String> onlyMine = new TreeSet<>(mine);
      onlyMine.removeAll(theirs);
      Set<String> onlyApt = new TreeSet<>(theirs);
      onlyApt.removeAll(mine);
      String diff = req + ": strata " + mine.size() + " / apt " + theirs.size()
          + "; only strata " + onlyMine + "; only apt " + onlyApt;
      if (explained.getProperty(req) == null) {
        failures.add("unexplained difference: " + diff);
      }
      if (Math.abs(mine.size() - theirs.size()) > Math.max(0, theirs.size() * 0.02)) {
        failures.add("size differs by more than 2%: " + diff);
      }
      // apt's own view of Strata's plan: installing exactly those versions must need nothing else
      List<String> args = new ArrayList<>(mine);
      List<String> aptView = tree.aptSimulateCached(args, aptCache, req);
      if (aptView == null || !new TreeSet<>(aptView).equals(mine)) {
        failures.add(req + ": apt does not accept strata's plan as complete: " + aptView);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " problems (" + identical + " identical):\n" + String.join("\n", failures));
    }
    assertNotNull(solver);
  }

  @Test
  void testAlreadyInstalledRequest_reportedAsSatisfied() throws Exception {
    Plan p = solver.solve(Request.of("bash", "strace"));
    assertEquals(1, p.alreadyInstalled().size());
    assertEquals("bash", p.alreadyInstalled().get(0).pkg().name());
    assertEquals(List.of("strace", "libunwind8"), p.names());
    assertEquals("needed by strace (libunwind8)", p.install().get(1).reason());
  }
}
