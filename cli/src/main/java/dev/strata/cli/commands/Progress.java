package dev.strata.cli.commands;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise (so logs and
 * pipes stay clean).
 */
final class Progress implements Consumer<String> {
  private final PrintWriter err;
  private final String prefix;
  private final boolean tty = System.console() != null;
  private int width;

  Progress(PrintWriter err, String prefix) {
    this.err = err;
    this.prefix = prefix;
  }

  @Override
  public synchronized void accept(String line) {
    String text = prefix + ": " + line;
    if (tty) {
      err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      width = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Ends the in-place line on a terminal. */
  synchronized void done() {
    if (tty && width > 0) {
      err.println();
      err.flush();
      width = 0;
    }
  }
}
