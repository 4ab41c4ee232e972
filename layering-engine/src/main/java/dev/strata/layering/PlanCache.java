package dev.strata.layering;

import dev.strata.depsolve.Plan;
import dev.strata.depsolve.model.Package;
import dev.strata.depsolve.repo.Source;
import dev.strata.depsolve.version.Evr;
import dev.strata.depsolve.version.VersionScheme;
import dev.strata.store.Checksum;
import dev.strata.store.util.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers solver plans by everything they depend on: the base commit, the requests (local
 * package files by their SHA-256) and the exact
 * bytes of every source's signed release file ({@code InRelease}, or {@code repomd.xml}). A plan is
 * reused only while all of those are byte-identical to what the solver verified when it made the
 * plan, and while no {@code Valid-Until} has passed; otherwise the solver runs again (and checks
 * signatures and hashes again). Files live in {@code /var/cache/strata/plans}.
 */
final class PlanCache {
  private static final Pattern VALID_UNTIL = Pattern.compile("(?m)^Valid-Until: (.+)$");
  private final Path dir;
  private final String key;
  private final Instant validUntil;

  private PlanCache(Path dir, String key, Instant validUntil) {
    this.dir = dir;
    this.key = key;
    this.validUntil = validUntil;
  }

  /** The cache entry for a solve, or null when a source's release file cannot be read. */
  static PlanCache of(Path dir, Checksum base, List<String> requests, List<Source> sources) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(("strata-plan 1\nbase " + base.hex() + "\n").getBytes(StandardCharsets.UTF_8));
      requests.forEach(r -> d.update(("request " + r + "\n").getBytes(StandardCharsets.UTF_8)));
      Instant until = null;
      for (Source s : sources) {
        String rel = s.kind() == Source.Kind.DEB ? "dists/" + s.suite() + "/InRelease" : "repodata/repomd.xml";
        byte[] b = read(s.uri().resolve(rel));
        d.update(("source " + s.id() + " " + s.components() + " " + s.checkSignature() + "\n")
            .getBytes(StandardCharsets.UTF_8));
        for (Path k : s.keyrings()) {
          d.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(k)));
        }
        d.update(MessageDigest.getInstance("SHA-256").digest(b));
        Matcher m = VALID_UNTIL.matcher(new String(b, StandardCharsets.UTF_8));
        if (m.find() && s.checkValidUntil()) {
          Instant t = ZonedDateTime.parse(m.group(1).strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          until = until == null || t.isBefore(until) ? t : until;
        }
      }
      return new PlanCache(dir, HexFormat.of().formatHex(d.digest()), until);
    } catch (Exception e) {
      if (System.getenv("STRATA_TIMING") != null) {
        System.err.println("plan cache: " + e);
      }
      return null;
    }
  }

  private static byte[] read(URI u) throws IOException, InterruptedException {
    if ("file".equals(u.getScheme())) {
      return Files.readAllBytes(Path.of(u));
    }
    HttpResponse<byte[]> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        .send(HttpRequest.newBuilder(u).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** @return the remembered plan, or null */
  Plan load() {
    if (validUntil != null && validUntil.isBefore(Instant.now())) {
      return null;
    }
    Path f = dir.resolve(key);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      List<Plan.Item> items = new ArrayList<>();
      List<Plan.Satisfied> sat = new ArrayList<>();
      Map<String, Package> byName = new HashMap<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] c = line.split("\t", -1);
        VersionScheme scheme = VersionScheme.valueOf(c[1]);
        Package.Builder b = Package.builder(scheme, c[2], Evr.parse(c[3]), c[4]);
        if (c[0].equals("I")) {
          Package p = b.repository(c[5]).location(c[6], Long.parseLong(c[7]), c[8]).build();
          byName.put(p.name(), p);
          items.add(new Plan.Item(p, c[9].equals("1"), c[10].isEmpty() ? null : byName.get(c[10]),
              c[11].isEmpty() ? null : c[11]));
        } else if (c[0].equals("S")) {
          sat.add(new Plan.Satisfied(c[5], b.repository(Package.SYSTEM).build()));
        }
      }
      return new Plan(items, sat, List.of(), true);
    } catch (RuntimeException | IOException e) {
      if (System.getenv("STRATA_TIMING") != null) {
        System.err.println("plan cache: " + e);
      }
      return null;
    }
  }

  /** Stores a plan (best effort: a failure only means the next solve runs the solver). */
  void store(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (Plan.Item it : plan.install()) {
      Package p = it.pkg();
      sb.append(String.join("\t", "I", p.scheme().name(), p.name(), p.evr().toString(), p.arch(),
          p.repository(), p.location(), Long.toString(p.size()), String.valueOf(p.sha256()),
          it.requested() ? "1" : "0", it.neededBy() == null ? "" : it.neededBy().name(),
          it.relation() == null ? "" : it.relation().replace('\t', ' ').replace('\n', ' '))).append('\n');
    }
    for (Plan.Satisfied s : plan.alreadyInstalled()) {
      Package p = s.pkg();
      sb.append(String.join("\t", "S", p.scheme().name(), p.name(), p.evr().toString(), p.arch(),
          s.request())).append('\n');
    }
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve(key), sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (System.getenv("STRATA_TIMING") != null) {
        System.err.println("plan cache: " + e);
      }
    }
  }
}
