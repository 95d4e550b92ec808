package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool trusts only what this JVM's user made: no shared directory, no symbolic link, no unsigned batch. */
class SpoolTrustTest {
  @TempDir
  Path root;

  @Test
  void aDirectoryOthersCanWriteIsRefusedAndLeftAsItIs() throws IOException {
    Path shared = Files.createDirectory(root.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    UntrustedPathException refused = assertThrows(UntrustedPathException.class,
        () -> Spool.open(shared, "otlp", 1 << 20));

    assertTrue(refused.getMessage().contains("can be written by other users"), refused.getMessage());
    assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
  }

  @Test
  void aSpoolDirectoryThatIsASymbolicLinkIsRefused() throws IOException {
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("svc"), elsewhere);

    assertThrows(UntrustedPathException.class, () -> Spool.open(root.resolve("svc"), "otlp", 1 << 20));
    assertFalse(Files.exists(elsewhere.resolve("otlp")));
  }

  @Test
  void aLockFileThatIsASymbolicLinkIsRefused() throws IOException {
    Path victim = Files.writeString(root.resolve("victim"), "keep me");
    Path slot = Files.createDirectories(root.resolve("svc/otlp"));
    Files.createSymbolicLink(slot.resolve(".lock"), victim);

    assertThrows(UntrustedPathException.class, () -> Spool.open(root.resolve("svc"), "otlp", 1 << 20));
    assertEquals("keep me", Files.readString(victim));
  }

  @Test
  void aBatchAirbagDidNotWriteIsNeverRead() throws IOException {
    try (Spool spool = Spool.open(root, "otlp", 1 << 20)) {
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);
    }
    Path planted = root.resolve("otlp/0000000000000000000-1.jsonl");
    Files.write(planted, SpoolCodec.encode(TestEvents.numbered(1)));

    try (Spool spool = Spool.open(root, "otlp", 1 << 20)) {
      SpoolEntry first = spool.oldest();
      assertEquals(planted, first.path);
      IOException refused = assertThrows(IOException.class, () -> spool.read(first));
      assertTrue(refused.getMessage().contains("no Airbag signature"), refused.getMessage());
      spool.delete(first);
      List<Event> genuine = spool.read(spool.oldest());
      assertEquals(1, genuine.size());
    }
  }

  @Test
  void anAlteredOrRenamedBatchFailsItsSignature() throws IOException {
    try (Spool spool = Spool.open(root, "otlp", 1 << 20)) {
      spool.store(spool.reserve(), TestEvents.numbered(1), -1);
      Path file = spool.oldest().path;
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      Files.writeString(file, text.replace("\"llm_call\"", "\"alert\""));

      IOException refused = assertThrows(IOException.class, () -> spool.read(spool.oldest()));
      assertTrue(refused.getMessage().contains("wrong signature"), refused.getMessage());
    }
  }

  @Test
  void theKeyIsOwnerOnlyAndSharedByLaterRuns() throws IOException {
    try (Spool first = Spool.open(root, "http", 1 << 20)) {
      first.store(first.reserve(), TestEvents.numbered(2), -1);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        root.resolve(SpoolSignature.KEY_FILE))));
    try (Spool next = Spool.open(root, "http", 1 << 20)) {
      assertEquals(2, next.read(next.oldest()).size());
    }
  }
}
