package dev.airbag.bench;

import dev.airbag.bench.apps.FirstCallApp;
import dev.airbag.bench.apps.HelloApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Start-up: time from starting the JVM to the app's first line on stdout, without and with the agent, alternating:
 * a hello world (on a class path of {@link #HELLO_JARS} jars, and on the bench's full one beside an agent that does
 * nothing), the first answered call of each client Airbag instruments (the client built and its first call made,
 * so that what the agent loads and transforms for that client counts), and the demo app (skipped, and said so, when
 * its jar has not been built).
 */
final class StartupSection {
  static final String SECTION = "startup";
  /**
   * The hello world's class path, in jars, for its bound: the one it was set on. The JVM looks for an agent's
   * Premain-Class through the whole class path, opening every jar before the agent's own (appended last), so any
   * {@code -javaagent} costs more the longer it is; the bench's full class path is measured beside it, with an agent
   * that does nothing, to tell that part from Airbag's.
   */
  static final int HELLO_JARS = 30;

  private StartupSection() {
  }

  static List<Figure> run(BenchEnvironment env, BenchOptions o) throws Exception {
    List<Figure> figures = new ArrayList<>();
    System.err.println("start-up: hello world");
    String[] entries = env.appClasspath.split(File.pathSeparator);
    // The class path the bound was set on; the hello world's own classes come first on either.
    String shortPath = String.join(File.pathSeparator,
        Arrays.copyOf(entries, Math.min(entries.length, HELLO_JARS + 1)));
    Path noop = env.noopAgentJar();
    Alternation hello = Alternation.run(o.startupRuns, List.of("hello", "hello+agent", "full", "full+noop",
        "full+agent"), (variant, round) -> {
      Path dir = env.runDir("hello");
      Path config = variant.endsWith("+agent") ? env.agentConfig(dir, BenchEnvironment.freePort(), Map.of()) : null;
      ChildJvm child = new ChildJvm(env, dir).agent(config);
      if (variant.endsWith("+noop")) {
        child.javaagent(noop);
      }
      long nanos = child.nanosToFirstLine("-cp", variant.startsWith("hello") ? shortPath : env.appClasspath,
          HelloApp.class.getName());
      return Map.of("first_line_ms", nanos / 1e6);
    });
    Figure helloFigure = figure(hello, "hello", "hello+agent", "agent vs none",
        "hello world on a " + HELLO_JARS + "-jar class path: JVM start to first line");
    figures.add(helloFigure.target("<= 150 ms added", helloFigure.added() <= 150));
    String full = "hello world on the bench's " + (entries.length - 1) + "-jar class path";
    figures.add(figure(hello, "full", "full+agent", "agent vs none", full + ": JVM start to first line"));
    figures.add(figure(hello, "full", "full+noop", "do-nothing agent vs none",
        full + ": what any -javaagent adds (an agent whose premain does nothing)"));
    figures.add(figure(hello, "full+noop", "full+agent", "agent vs do-nothing agent",
        full + ": what Airbag adds beyond any -javaagent"));
    for (String client : o.clients) {
      System.err.println("start-up: " + client + ", to its first answered call");
      Alternation first = Alternation.run(o.startupRuns, List.of(client, client + "+agent"), (variant, round) -> {
        Path dir = env.runDir("first-" + client);
        int port = BenchEnvironment.freePort();
        Path config = variant.endsWith("+agent") ? env.agentConfig(dir, port, Map.of(
            "airbag.endpoint.bench-anthropic.url", "http://127.0.0.1:" + port + "/v1/messages",
            "airbag.endpoint.bench-anthropic.provider", "anthropic")) : null;
        long nanos = new ChildJvm(env, dir).agent(config)
            .nanosToFirstLine("-cp", env.appClasspath, FirstCallApp.class.getName(), client, Integer.toString(port));
        return Map.of("first_line_ms", nanos / 1e6);
      });
      figures.add(figure(first, client, client + "+agent", "agent vs none",
          client + ": JVM start to its first answered call"));
    }
    if (o.demoRuns == 0) {
      return figures;
    }
    if (!Files.exists(env.demoJar)) {
      System.err.println("start-up: no " + env.demoJar + ", demo app skipped (./bench.sh builds it)");
      return figures;
    }
    System.err.println("start-up: demo app");
    Alternation demo = Alternation.run(o.demoRuns, List.of("demo", "demo+agent"), (v, round) -> {
      Path dir = env.runDir("demo");
      Path config = v.endsWith("+agent") ? env.demoConfig.toAbsolutePath() : null;
      // The demo runs in a scratch directory: it is told where the agent jar is, as it looks relative to its own.
      long nanos = new ChildJvm(env, dir).agent(config).nanosToFirstLine("-jar", env.demoJar.toString(),
          "--agent", env.agentJar.toString());
      return Map.of("first_line_ms", nanos / 1e6);
    });
    figures.add(figure(demo, "demo", "demo+agent", "agent vs none", "demo app: JVM start to first line"));
    return figures;
  }

  private static Figure figure(Alternation runs, String base, String variant, String compares, String name) {
    return Figure.compared(SECTION, name, "ms (median)", compares, runs.median(base, "first_line_ms"),
        runs.median(variant, "first_line_ms"), 1, "ms", runs.rounds(base));
  }
}
