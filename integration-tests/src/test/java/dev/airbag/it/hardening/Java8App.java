package dev.airbag.it.hardening;

/**
 * An app any Java since 8 runs: prints the Java it runs on and its arguments, one line on stderr, and exits with
 * status 3, so that a run with the agent can be compared with one without, line for line and by exit code.
 */
public final class Java8App {
  public static void main(String[] args) {
    System.out.println("APP java=" + System.getProperty("java.specification.version") + " args=" + String.join(",", args));
    System.err.println("APP its own stderr line");
    System.exit(3);
  }
}
