package dev.strata.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sandboxed program did.
 *
 * @param exitCode the exit status (128+N when killed by signal N, -1 when timed out)
 * @param timedOut true when the program was killed for running past its timeout
 * @param output the tail of stdout and stderr, interleaved as written
 * @param truncated true when earlier output was dropped
 * @param elapsed wall time
 */
public record ProcessResult(int exitCode, boolean timedOut, byte[] output, boolean truncated,
    Duration elapsed) {
  /** Copies the output. */
  public ProcessResult {
    output = output.clone();
  }

  /** @return a copy of the captured output bytes */
  @Override
  public byte[] output() {
    return output.clone();
  }

  /** @return true when the program exited 0 in time */
  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }

  /** @return the output as text (invalid UTF-8 replaced) */
  public String outputText() {
    return new String(output, StandardCharsets.UTF_8);
  }

  /**
   * @param n how many
   * @return the last {@code n} non-blank output lines, oldest first
   */
  public List<String> lastLines(int n) {
    String[] all = outputText().split("\r?\n");
    List<String> out = new ArrayList<>();
    for (int i = all.length - 1; i >= 0 && out.size() < n; i--) {
      if (!all[i].isBlank()) {
        out.add(0, all[i].strip());
      }
    }
    return out;
  }
}
