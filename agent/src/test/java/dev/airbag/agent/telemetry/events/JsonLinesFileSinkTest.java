package dev.airbag.agent.telemetry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {
  private static final long NOW = 1_795_341_600_123L;

  @TempDir
  Path dir;

  @Test
  void eachEventBecomesOneLineThatParsesBack() throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.write(List.of(event("a", "multi\nline \"detail\""), event("b", "\uD83D\uDE80")));
      sink.flush();
    }

    List<Map<String, Object>> lines = readLines(file);

    assertEquals(2, lines.size());
    assertEquals("a", lines.get(0).get(EventFields.ID));
    assertEquals("multi\nline \"detail\"", lines.get(0).get(EventFields.DETAIL));
    assertEquals("\uD83D\uDE80", lines.get(1).get(EventFields.DETAIL));
  }

  @Test
  void writesAppendAcrossBatchesAndAcrossSinksOnTheSameFile() throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (JsonLinesFileSink first = new JsonLinesFileSink(file)) {
      first.write(List.of(event("a", "1")));
      first.write(List.of(event("b", "2"), event("c", "3")));
    }
    try (JsonLinesFileSink second = new JsonLinesFileSink(file)) {
      second.write(List.of(event("d", "4")));
    }

    List<Object> ids = new ArrayList<>();
    readLines(file).forEach(line -> ids.add(line.get(EventFields.ID)));

    String text = Files.readString(file);
    assertEquals(List.of("a", "b", "c", "d"), ids);
    assertEquals('\n', text.charAt(text.length() - 1));
  }

  @Test
  void missingParentDirectoriesAreCreated() throws IOException {
    Path file = dir.resolve("var/log/airbag/events.jsonl");

    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.write(List.of(event("a", "1")));
    }

    assertEquals(1, readLines(file).size());
  }

  @Test
  void aNewFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("events.jsonl");

    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.write(List.of(event("a", "1")));
    }

    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
  }

  @Test
  void anExistingFileKeepsItsPermissions() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("events.jsonl");
    Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r-----");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(shared));
    Files.setPosixFilePermissions(file, shared);

    try (JsonLinesFileSink sink = new JsonLinesFileSink(file)) {
      sink.write(List.of(event("a", "1")));
    }

    assertEquals(shared, Files.getPosixFilePermissions(file));
  }

  @Test
  void aFailedWriteIsReportedAndTheNextBatchOpensTheFileAgain() throws IOException {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "a file where the sink wants a directory");
    Path file = blocker.resolve("events.jsonl");
    JsonLinesFileSink sink = new JsonLinesFileSink(file);

    assertThrows(IOException.class, () -> sink.write(List.of(event("a", "1"))));

    Files.delete(blocker);
    sink.write(List.of(event("b", "2")));
    sink.close();
    assertEquals("b", readLines(file).get(0).get(EventFields.ID));
  }

  @Test
  void aRotationNeverReplacesAPreviousFileYoungerThanAnHourSoAnIncidentsStartIsKept() throws IOException {
    Path file = dir.resolve("events.jsonl");
    FakeClock clock = new FakeClock(System.currentTimeMillis());
    try (JsonLinesFileSink sink = new JsonLinesFileSink(file, 1024, clock)) {
      String detail = "x".repeat(600);
      sink.write(List.of(event("first", detail)));
      sink.write(List.of(event("second", detail)));

      IOException full = assertThrows(IOException.class, () -> sink.write(List.of(event("third", detail))));
      assertTrue(full.getMessage().contains("so that the first ones are kept"), full.getMessage());
      assertEquals("first", readLines(dir.resolve("events.jsonl.1")).get(0).get(EventFields.ID));

      clock.advance(Duration.ofMinutes(61));
      sink.write(List.of(event("fourth", detail)));
    }

    assertEquals("second", readLines(dir.resolve("events.jsonl.1")).get(0).get(EventFields.ID));
    assertEquals("fourth", readLines(file).get(0).get(EventFields.ID));
  }

  private static Event event(String id, String detail) {
    return Event.builder(EventKinds.LLM_CALL).timestampMillis(NOW).id(id).put(EventFields.DETAIL, detail).build();
  }

  private static List<Map<String, Object>> readLines(Path file) throws IOException {
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      parsed.add(JsonTestParser.parseObject(line.getBytes(StandardCharsets.UTF_8)));
    }
    return parsed;
  }
}
