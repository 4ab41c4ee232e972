package dev.strata.cli;

import dev.strata.cli.commands.StrataCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code strata} command.
 *
 * <p>Every failure the user can act on ends as one line {@code error: <what failed>; <what to do>} on
 * standard error and exit status 1. A stack trace is printed only with {@code --verbose}.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits the JVM with its status.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    int rc = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(rc);
  }

  /**
   * Runs the command line without exiting, for tests and embedding.
   *
   * @param args the command-line arguments
   * @param out where results go
   * @param err where errors and progress go
   * @return the exit status
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = StrataCommand.commandLine(args);
    cl.setOut(out);
    cl.setErr(err);
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          if (ex instanceof dev.strata.cli.commands.ExitStatus es) {
            if (es.getMessage() != null) {
              cmd.getErr().println(es.getMessage());
              cmd.getErr().flush();
            }
            return es.status();
          }
          ErrorReporter.report(ex, verbose, cmd.getErr());
          return ErrorReporter.exitCodeFor(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr()
              .println(
                  "error: "
                      + ErrorReporter.oneLine(ex.getMessage())
                      + "; see 'strata "
                      + subcommandPath(c)
                      + "--help'");
          c.getErr().flush();
          return 1;
        });
    int rc = cl.execute(args);
    out.flush();
    err.flush();
    return rc;
  }

  private static String subcommandPath(CommandLine c) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
      sb.insert(0, p.getCommandName() + " ");
    }
    return sb.toString();
  }
}
