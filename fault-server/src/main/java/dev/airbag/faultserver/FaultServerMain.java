package dev.airbag.faultserver;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FaultServer} with a named scenario so a person can point an app at it:
 * {@code java -cp airbag-fault-server.jar:jackson-core.jar dev.airbag.faultserver.FaultServerMain --port 8089
 * --scenario tuesday --model claude-sonnet-4-5}. Prints the base URL and runs until killed.
 */
public final class FaultServerMain {
  static final String DEFAULT_MODEL = "gpt-4o";

  private FaultServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fault-server: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (options.help()) {
      usage(System.out);
      return;
    }
    FaultServer server = start(options);
    System.out.println("fault-server: scenario '" + options.scenario() + "' ("
        + Scenarios.named(options.scenario()).orElseThrow().description() + "), model " + options.model());
    System.out.println("fault-server: listening on " + server.baseUrl());
    System.out.println("  OpenAI base URL:    " + server.baseUrl() + "/v1");
    System.out.println("  Anthropic base URL: " + server.baseUrl());
    System.out.println("  Gemini base URL:    " + server.baseUrl());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fault-server-shutdown"));
    new CountDownLatch(1).await();
  }

  /** The server for parsed options, its plan set to the scenario. */
  static FaultServer start(Options options) {
    FaultPlan plan = Scenarios.named(options.scenario()).orElseThrow().planFor().apply(options.model());
    return FaultServer.start(options.port()).plan(plan);
  }

  static void usage(PrintStream out) {
    out.println("usage: FaultServerMain [--port N] [--scenario NAME] [--model MODEL]");
    out.println("  --port      port on 127.0.0.1 (default 0: any free port)");
    out.println("  --model     the model the outage/retired scenarios fail (default " + DEFAULT_MODEL + ")");
    out.println("  --scenario  one of:");
    Scenarios.all().values().forEach(s -> out.printf("    %-15s %s%n", s.name(), s.description()));
  }

  /** Parsed command line. */
  record Options(int port, String scenario, String model, boolean help) {
    static Options parse(String[] args) {
      int port = 0;
      String scenario = "healthy";
      String model = DEFAULT_MODEL;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          return new Options(port, scenario, model, true);
        }
        // Every other option takes a value.
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--port" -> port = parsePort(value);
          case "--scenario" -> scenario = value;
          case "--model" -> model = value;
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (Scenarios.named(scenario).isEmpty()) {
        throw new IllegalArgumentException("unknown scenario '" + scenario + "', allowed: "
            + String.join(", ", Scenarios.all().keySet()));
      }
      return new Options(port, scenario, model, false);
    }

    private static int parsePort(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // Reported below with the allowed range.
      }
      throw new IllegalArgumentException("--port must be 0..65535, got '" + value + "'");
    }
  }
}
