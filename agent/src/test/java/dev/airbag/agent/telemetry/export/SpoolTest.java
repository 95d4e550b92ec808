package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir
  Path root;

  @Test
  void aSpooledBatchReadsBackWithItsIdsTimestampsAndValues() throws IOException {
    try (Spool spool = Spool.open(root, "otlp", 1 << 20)) {
      Event event = TestEvents.llmFailure(TestEvents.T0 + 7);
      spool.store(spool.reserve(), List.of(event), -1);

      List<Event> read = spool.read(spool.oldest());

      assertEquals(event.id(), read.get(0).id());
      assertEquals(event.timestampMillis(), read.get(0).timestampMillis());
      assertEquals(new String(EventJson.toJsonLine(event)), new String(EventJson.toJsonLine(read.get(0))));
    }
  }

  @Test
  void filesAndDirectoriesAreOwnerOnly() throws IOException {
    try (Spool spool = Spool.open(root.resolve("svc"), "otlp", 1 << 20)) {
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);

      assertEquals("rwx------", permissions(root.resolve("svc")));
      assertEquals("rwx------", permissions(spool.directory()));
      assertEquals("rw-------", permissions(spool.oldest().path));
    }
  }

  @Test
  void aLaterRunContinuesTheSequenceAndDeliversOldestFirst() throws IOException {
    // given a run that spooled two batches and stopped
    List<Event> events = TestEvents.numbered(3);
    try (Spool first = Spool.open(root, "http", 1 << 20)) {
      first.store(first.reserve(), events.subList(0, 1), -1);
      first.store(first.reserve(), events.subList(1, 2), -1);
    }
    // when the next run spools one more
    try (Spool next = Spool.open(root, "http", 1 << 20)) {
      next.store(next.reserve(), events.subList(2, 3), -1);

      // then they come out in the order they went in
      for (Event expected : events) {
        SpoolEntry oldest = next.oldest();
        assertEquals(expected.id(), next.read(oldest).get(0).id());
        next.delete(oldest);
      }
      assertTrue(next.isEmpty());
      assertEquals(0, next.bytes());
    }
  }

  @Test
  void theOldestFilesAreEvictedForRoomExceptTheOneBeingSent() throws IOException {
    long oneBatch = SpoolCodec.encode(TestEvents.numbered(1)).length + SpoolSignature.HEADER_BYTES;
    try (Spool spool = Spool.open(root, "http", 3 * oneBatch + oneBatch / 2)) {
      long pinned = spool.reserve();
      spool.store(pinned, TestEvents.numbered(1), -1);
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);

      Spool.Stored stored = spool.store(spool.reserve(), TestEvents.numbered(1), pinned);

      assertTrue(stored.stored);
      assertEquals(1, stored.dropped);
      assertEquals(pinned, spool.oldest().seq);
      assertTrue(spool.bytes() <= 3 * oneBatch + oneBatch / 2);
    }
  }

  @Test
  void aBatchLargerThanTheWholeSpoolIsDroppedAloneAndNothingIsEvicted() throws IOException {
    long oneBatch = SpoolCodec.encode(TestEvents.numbered(1)).length + SpoolSignature.HEADER_BYTES;
    try (Spool spool = Spool.open(root, "http", 2 * oneBatch)) {
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);

      Spool.Stored stored = spool.store(spool.reserve(), TestEvents.numbered(50), -1);

      assertFalse(stored.stored);
      assertEquals(50, stored.dropped);
      assertFalse(spool.isEmpty());
    }
  }

  @Test
  void aTornWriteFromACrashIsRemovedAndASecondJvmGetsItsOwnSlot() throws IOException {
    try (Spool first = Spool.open(root, "otlp", 1 << 20)) {
      Path torn = first.directory().resolve("0000000000000000009-1.jsonl.tmp");
      Files.write(torn, new byte[] {'{'});
      try (Spool second = Spool.open(root, "otlp", 1 << 20)) {
        assertNotEquals(first.directory(), second.directory());
      }
    }
    try (Spool reopened = Spool.open(root, "otlp", 1 << 20)) {
      assertTrue(reopened.isEmpty());
      assertFalse(Files.exists(reopened.directory().resolve("0000000000000000009-1.jsonl.tmp")));
    }
  }

  @Test
  void aDisabledSpoolDropsEverything() throws IOException {
    Spool spool = Spool.disabled();

    Spool.Stored stored = spool.store(spool.reserve(), TestEvents.numbered(4), -1);

    assertFalse(stored.stored);
    assertEquals(4, stored.dropped);
    assertTrue(spool.isEmpty());
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
