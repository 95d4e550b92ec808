package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {
  private static final String FP = "a1b2c3d4e5f60718";
  private static final String OTHER = "0000000000000001";

  private final FakeClock clock = new FakeClock();
  private final RecordingLog log = new RecordingLog();

  @Test
  void aMissingFileHasNoLabels(@TempDir Path dir) {
    LabelsFile labels = labels(dir.resolve("absent.txt"));

    assertNull(labels.labelFor(FP));
    assertTrue(log.warnings().isEmpty());
  }

  @Test
  void anEditIsReadOnceTheRecheckIntervalHasPassed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.txt");
    write(file, FP + " severity=warning escalation=ticket", 1);
    LabelsFile labels = labels(file);
    assertEquals(Escalation.TICKET, labels.labelFor(FP).escalation());

    write(file, FP + " severity=info escalation=none note=\"seen it\"", 2);

    assertEquals(Escalation.TICKET, labels.labelFor(FP).escalation(), "not re-checked within the interval");
    clock.advance(Duration.ofSeconds(5));
    Verdict relabelled = labels.labelFor(FP);
    assertEquals(Severity.INFO, relabelled.severity());
    assertEquals(Escalation.NONE, relabelled.escalation());
    assertEquals(LabelSource.HUMAN, relabelled.labelledBy());
    assertEquals("seen it", relabelled.reason());
  }

  @Test
  void aDeletedFileTakesItsLabelsWithIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.txt");
    write(file, FP + " severity=info escalation=none", 1);
    LabelsFile labels = labels(file);
    assertEquals(Severity.INFO, labels.labelFor(FP).severity());

    Files.delete(file);
    clock.advance(Duration.ofSeconds(5));

    assertNull(labels.labelFor(FP));
  }

  @Test
  void aBadLineIsLoggedOnceAndTheOtherLinesStillApply(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("labels.txt");
    write(file, "# reviewed on Monday\n" + FP + " severity=urgent escalation=page\n\n"
        + OTHER + " severity=info escalation=none\n", 1);
    LabelsFile labels = labels(file);

    assertNull(labels.labelFor(FP));
    assertEquals(Severity.INFO, labels.labelFor(OTHER).severity());
    clock.advance(Duration.ofSeconds(30));
    labels.labelFor(OTHER);

    assertEquals(1, log.warnings().size(), log.lines.toString());
    String warning = log.warnings().get(0);
    assertTrue(warning.contains(file + " line 2: severity 'urgent' is not one of: info, warning, critical"),
        warning);
  }

  private LabelsFile labels(Path file) {
    return new LabelsFile(file, LabelSource.HUMAN, clock, Duration.ofSeconds(5), log);
  }

  /** Writes the file with a distinct modification time, as an editor saving it a second later would. */
  private static void write(Path file, String text, int second) throws IOException {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + second * 1000L));
  }
}
