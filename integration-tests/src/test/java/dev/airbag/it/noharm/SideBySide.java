package dev.airbag.it.noharm;

import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one app twice, with its SDK alone and with the agent at its defaults (only the fault server's endpoints
 * declared, plus whatever a test opts into), each against a fresh fault server following a fresh copy of the same
 * plan, and keeps what each run counted. Not thread-safe; one comparison per instance.
 */
final class SideBySide {
  private static final Pattern SUMMARY = Pattern.compile("SUMMARY calls=\\d+ ok=(\\d+)");

  /** Starts the app against the server at {@code baseUrl}, with the agent when {@code config} is not null. */
  @FunctionalInterface
  interface App {
    ChildJvm.Result run(String baseUrl, Path config) throws Exception;
  }

  /** One run: calls the app saw served, the requests the server counted (in all and per model), its output. */
  record Run(long ok, int requests, Map<String, Integer> perModel, ChildJvm.Result result) {
    int requests(String model) {
      return perModel.getOrDefault(model, 0);
    }

    @Override
    public String toString() {
      return "ok=" + ok + " requests=" + requests + " " + perModel + "\n" + result;
    }
  }

  final Run without;
  final Run with;

  private SideBySide(Run without, Run with) {
    this.without = without;
    this.with = with;
  }

  /** Without the agent first, then with it; {@code settings} are the only keys set beyond the endpoints. */
  static SideBySide compare(Path dir, Supplier<FaultPlan> plan, Map<String, String> settings, String[] models, App app)
      throws Exception {
    Run without = once(dir.resolve("without"), plan.get(), null, models, app);
    Run with = once(dir.resolve("with"), plan.get(), settings, models, app);
    return new SideBySide(without, with);
  }

  private static Run once(Path dir, FaultPlan plan, Map<String, String> settings, String[] models, App app)
      throws Exception {
    Files.createDirectories(dir);
    try (FaultServer server = FaultServer.start()) {
      server.plan(plan);
      Path config = null;
      if (settings != null) {
        AgentConfig agent = AgentConfig.in(dir).faultServer(server.port());
        settings.forEach(agent::set);
        config = agent.write();
      }
      ChildJvm.Result result = app.run(server.baseUrl(), config);
      Matcher ok = SUMMARY.matcher(result.stdout());
      Map<String, Integer> perModel = new java.util.TreeMap<>();
      for (String model : models) {
        perModel.put(model, server.requestCount(model));
      }
      return new Run(ok.find() ? Long.parseLong(ok.group(1)) : -1, server.requestCount(), perModel, result);
    }
  }

  @Override
  public String toString() {
    return "--- without the agent: " + without + "\n--- with the agent: " + with;
  }
}
