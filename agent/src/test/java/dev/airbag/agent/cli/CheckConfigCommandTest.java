package dev.airbag.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aGoodFileExitsZeroAndPrintsTheEffectiveValuesWithSecretsMasked() throws Exception {
    Path file = write("airbag.retry.max-attempts=3\nairbag.export.headers=Authorization=Bearer sk-canary-123\n");

    int code = run(file.toString());

    assertEquals(0, code, text(err));
    assertTrue(text(out).contains("airbag.retry.max-attempts = 3   (file " + file + ")"), text(out));
    assertTrue(text(out).contains("airbag.export.headers = ****"), text(out));
    assertFalse(text(out).contains("sk-canary-123"), "the secret is never printed");
    assertTrue(text(out).contains("airbag.retry.base-delay = 500ms   (default)"), "defaults are listed too");
  }

  @Test
  void aBadValueOrUnknownKeyExitsOneWithOneLinePerProblem() throws Exception {
    Path file = write("airbag.retry.max-attempts=lots\nairbag.retyr.deadline=1m\n");

    int code = run(file.toString());

    assertEquals(1, code);
    List<String> problems = text(err).lines().filter(line -> line.startsWith("problem: ")).toList();
    assertEquals(2, problems.size(), text(err));
    assertTrue(problems.get(0).contains("airbag.retyr.deadline") || problems.get(1).contains("airbag.retyr.deadline"));
    assertTrue(text(out).contains("airbag.retry.max-attempts = 3   (default)"), "the default that would be used");
  }

  @Test
  void aMissingFileIsAProblem() {
    assertEquals(1, run(dir.resolve("absent.properties").toString()));
    assertTrue(text(err).contains("cannot read config file"), text(err));
  }

  @Test
  void noPathIsAUsageError() {
    assertEquals(2, CheckConfigCommand.run(List.of(), new PrintStream(out), new PrintStream(err)));
    assertTrue(text(err).startsWith("usage:"));
  }

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("airbag.properties"), text);
  }

  private int run(String path) {
    return CheckConfigCommand.run(List.of(path), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
