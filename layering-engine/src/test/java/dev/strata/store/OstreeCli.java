package dev.strata.store;

import dev.strata.fixtures.HostTools;
import java.util.ArrayList;
import java.util.List;

/** Runs the real ostree binary, the oracle of the store tests. */
final class OstreeCli {
  private OstreeCli() {}

  static HostTools.Result run(String... args) {
    HostTools.require("ostree");
    List<String> cmd = new ArrayList<>();
    cmd.add("ostree");
    cmd.addAll(List.of(args));
    return HostTools.run(cmd.toArray(String[]::new));
  }

  static String ok(String... args) {
    return run(args).ok().stdout().trim();
  }
}
