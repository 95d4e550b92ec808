package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark once with tiny counts (child JVMs with and without the agent, the in-process ones) and checks
 * the results file it writes. Says nothing about speed: the figures themselves come from ./bench.sh.
 */
class BenchSmokeTest {
  @Test
  void everyBenchmarkRunsAndTheResultsFileIsWellFormed(@TempDir Path out) throws Exception {
    Path json = BenchMain.run(BenchOptions.parse("--quick", "--only", "happy,fleet,startup,failure,engine,export,storm", "--calls", "50", "--warmup", "20", "--failure-calls", "50",
        "--engine-calls", "1000", "--export-events", "500", "--threads-seconds", "0.1", "--demo-runs", "0",
        "--out", out.toString()), "smoke test");


    JsonNode results = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("airbag", results.get("benchmark").asText());
    assertTrue(results.get("machine").get("cores").asInt() > 0, "the machine is described");
    Set<String> sections = new HashSet<>();
    Set<String> startup = new HashSet<>();
    for (JsonNode figure : results.get("figures")) {
      sections.add(figure.get("section").asText());
      if (figure.get("section").asText().equals("startup")) {
        startup.add(figure.get("name").asText().replaceAll("\\d+-jar", "N-jar"));
      }
      assertFalse(figure.get("name").asText().isEmpty());
      assertTrue(figure.get("with").isNumber(), "every figure has a value: " + figure);
      assertTrue(figure.get("with").asDouble() > 0, "every figure is positive: " + figure);
      if (figure.get("compares").isTextual()) {
        assertTrue(figure.get("without").isNumber() && figure.get("ratio").isNumber(), "a comparison has both: " + figure);
      }
    }
    Set<String> expected = new HashSet<>(Set.of("happy_path", "memory", "startup", "failure_path", "export",
        "fleet_storm"));
    // The fleet's section needs a redis-server (installed by its own set-up where apt-get can).
    if (dev.airbag.faultserver.RedisServer.locate() != null) {
      expected.add("fleet_cost");
    }
    assertEquals(expected, sections);
    // The hello world's bound on the class path it was set on, and the full class path's split: the JVM's part of
    // any -javaagent, and Airbag's beyond it.
    assertTrue(startup.containsAll(Set.of("hello world on a N-jar class path: JVM start to first line",
        "hello world on the bench's N-jar class path: JVM start to first line",
        "hello world on the bench's N-jar class path: what any -javaagent adds (an agent whose premain does nothing)",
        "hello world on the bench's N-jar class path: what Airbag adds beyond any -javaagent")), startup.toString());
    assertTrue(results.get("targets_missed").isArray());
    assertTrue(Files.readString(out.resolve("RESULTS.md")).contains("| figure |"), "the markdown table is written");
    assertTrue(Files.readString(out.resolve("RESULTS.md")).contains("## Fleet storm"), "the storm's table is written");
    assertTrue(Files.readString(out.resolve("storm.svg")).contains("<polyline"), "the storm is drawn");
  }

  @Test
  void theServersSectionPairsEachClientOnBothServersAndProfilesItsAgentChild(@TempDir Path out) throws Exception {
    Path json = BenchMain.run(BenchOptions.parse("--only", "servers", "--clients", "openai", "--rounds", "1",
        "--calls", "200", "--batch", "100", "--warmup", "100", "--profile-calls", "2000", "--attached",
        "--out", out.toString()), "smoke test");

    Set<String> names = new HashSet<>();
    for (JsonNode figure : new ObjectMapper().readTree(Files.readString(json)).get("figures")) {
      names.add(figure.get("name").asText());
      if (figure.get("name").asText().endsWith("JIT compile time until quiet")) {
        assertTrue(figure.get("without").asDouble() > 0 && figure.get("with").asDouble() > 0, figure.toString());
        assertTrue(figure.get("note").asText().contains("warm-up calls per child ["), figure.toString());
      }
      if (figure.get("name").asText().endsWith("median per call") && !figure.get("name").asText().contains("attached")
          || figure.get("name").asText().equals("openai-java chat completion")) {
        // Linux with two CPUs or more, and taskset (CI's machine): both children on one CPU, their servers on another,
        // in the servers and the happy sections; each fails when a child's servers did not stay apart.
        boolean pinnable = Runtime.getRuntime().availableProcessors() >= 2
            && Files.isExecutable(Path.of("/usr/bin/taskset"));
        assertEquals(pinnable, figure.get("note").asText().contains("their loopback servers' threads to CPU"),
            figure.toString());
      }
      if (figure.get("name").asText().contains("voluntary context switches per call, every thread")) {
        assertTrue(figure.get("without").asDouble() > 0 && figure.get("with").asDouble() > 0, figure.toString());
      }
      if (figure.get("name").asText().endsWith("(profile)")) {
        assertTrue(figure.get("with").asDouble() >= 0, figure.toString());
        assertTrue(figure.get("samples").asInt() > 0, "the calling thread was sampled: " + figure);
        assertTrue(figure.get("note").asText().contains("% of its "), figure.toString());
      }
    }
    for (String server : new String[] {"fault", "jdk"}) {
      String where = "openai on the " + server + " server, ";
      assertTrue(names.contains(where + "median per call"), names.toString());
      assertTrue(names.contains(where + "bytes allocated per call, every thread"), names.toString());
      // Every thread but the servers' where they run on a CPU of their own.
      assertTrue(names.stream().anyMatch(name -> name.startsWith(where + "voluntary context switches per call, every"
          + " thread")), names.toString());
      assertTrue(names.contains(where + "Airbag's own CPU per call (profile)"), names.toString());
      assertTrue(names.contains(where + "JIT compile time until quiet"), names.toString());
      // --attached's third child: the agent there with no endpoint matching (checked attached, one request a call).
      assertTrue(names.contains(where + "agent attached with no endpoint matching, median per call"),
          names.toString());
    }
  }

  @Test
  void anUnknownFlagIsRefusedWithTheListOfFlags() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--rounds", "2", "--fast", "1"));

    assertTrue(e.getMessage().startsWith("unknown flag --fast"), e.getMessage());
    assertTrue(e.getMessage().contains("--calls N"), e.getMessage());
  }

  @Test
  void clientsArePickedByNameAndAnUnknownOneIsRefused() {
    assertEquals(java.util.List.of("apache5async", "reactornetty"),
        BenchOptions.parse("--clients", "apache5async,reactornetty").clients);
    assertEquals(BenchOptions.CLIENTS, BenchOptions.parse().clients);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--clients", "openai,grpc"));

    assertTrue(e.getMessage().startsWith("unknown client grpc for --clients"), e.getMessage());
  }
}
