package dev.strata.cli.commands;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress on stderr: on a terminal, lines of the form {@code [i/n] text} redraw one bar line;
 * otherwise every line is printed as it comes.
 */
final class Progress implements Consumer<String> {
  private static final Pattern STEP = Pattern.compile("^\\[(\\d+)/(\\d+)\\] (.*)$");
  private final PrintWriter err;
  private final boolean tty;
  private final String prefix;
  private boolean barShown;

  Progress(PrintWriter err) {
    this(err, null);
  }

  /** Progress whose lines start with {@code prefix: }. */
  Progress(PrintWriter err, String prefix) {
    this.err = err;
    this.prefix = prefix;
    this.tty = System.console() != null && System.getenv("TERM") != null
        && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public synchronized void accept(String line) {
    Matcher m = STEP.matcher(line);
    if (prefix != null) {
      line = prefix + ": " + line;
    }
    if (tty && m.matches()) {
      int i = Integer.parseInt(m.group(1));
      int n = Math.max(1, Integer.parseInt(m.group(2)));
      int w = 30;
      int done = Math.min(w, i * w / n);
      String text = (prefix == null ? "" : prefix + ": ") + m.group(3);
      if (text.length() > 40) {
        text = text.substring(0, 40);
      }
      err.print("\r[" + "#".repeat(done) + " ".repeat(w - done) + "] " + i + "/" + n + " "
          + String.format("%-40s", text));
      barShown = true;
    } else {
      if (barShown) {
        err.println();
        barShown = false;
      }
      err.println(line);
    }
    err.flush();
  }

  /** Ends a bar line, if one is shown. */
  synchronized void finish() {
    if (barShown) {
      err.println();
      err.flush();
      barShown = false;
    }
  }
}
