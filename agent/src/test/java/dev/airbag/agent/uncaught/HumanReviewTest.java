package dev.airbag.agent.uncaught;

import static dev.airbag.agent.uncaught.FingerprintTest.frame;
import static dev.airbag.agent.uncaught.FingerprintTest.withStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop: an unlabelled fingerprint is listed for review, a person labels it, the next event uses the label. */
class HumanReviewTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingEvents events = new RecordingEvents();
  private final CountDownLatch reviewed = new CountDownLatch(1);
  private ExceptionReporter reporter;

  @AfterEach
  void close() {
    reporter.close();
  }

  @Test
  void aLabelWrittenWhileTheAppRunsDecidesTheNextOccurrence(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("airbag-labels.txt");
    reporter = ExceptionReporter.builder(withLabels(labels))
        .events(events).clock(clock).onReviewed(fp -> reviewed.countDown()).build();
    Throwable error = withStack(new IllegalStateException("cart 42 is empty"), frame("com.acme.Cart", "pay", 9));

    reporter.report(error, null, CaptureSource.UNCAUGHT, null);
    assertEquals("human_review", events.last().get(EventFields.ESCALATION));
    String fingerprint = (String) events.last().get(EventFields.FINGERPRINT);

    assertTrue(reviewed.await(10, TimeUnit.SECONDS), "the review worker wrote the pending entry");
    Path pending = dir.resolve("airbag-labels.txt.pending");
    String template = Files.readAllLines(pending).stream().filter(l -> l.startsWith("#" + fingerprint))
        .findFirst().orElseThrow();
    assertTrue(Files.readString(pending).contains("java.lang.IllegalStateException: cart 42 is empty"));
    assertTrue(Files.readString(pending).contains("#     at com.acme.Cart.pay"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pending)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(labels)));

    // The person copies the template, uncomments it and edits it.
    String label = template.substring(1).replace("severity=warning", "severity=info")
        .replace("escalation=ticket", "escalation=none").replace("note=\"\"", "note=\"a user error\"");
    Files.writeString(labels, Files.readString(labels) + label + "\n");
    Files.setLastModifiedTime(labels, FileTime.fromMillis(Files.getLastModifiedTime(labels).toMillis() + 2000));
    clock.advance(Duration.ofSeconds(5));
    reporter.report(error, null, CaptureSource.UNCAUGHT, null);

    assertEquals("info", events.last().get(EventFields.SEVERITY));
    assertEquals("none", events.last().get(EventFields.ESCALATION));
    assertEquals("human", events.last().get(EventFields.LABELLED_BY));
    assertEquals("a user error", events.last().get(EventFields.REASON));
  }

  @Test
  void aFingerprintIsListedForReviewOnceEvenAcrossRestarts(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("labels.txt");
    Throwable error = withStack(new IllegalStateException(), frame("com.acme.Cart", "pay", 9));
    for (int run = 0; run < 2; run++) {
      CountDownLatch done = new CountDownLatch(1);
      reporter = ExceptionReporter.builder(withLabels(labels))
          .events(events).clock(clock).onReviewed(fp -> done.countDown()).build();
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      reporter.report(error, null, CaptureSource.UNCAUGHT, null);
      assertTrue(done.await(10, TimeUnit.SECONDS));
      reporter.close();
    }

    String fingerprint = (String) events.last().get(EventFields.FINGERPRINT);
    assertEquals(1, Files.readAllLines(dir.resolve("labels.txt.pending")).stream()
        .filter(l -> l.startsWith("#" + fingerprint)).count());
    assertTrue(Files.readString(labels).startsWith("# Airbag exception labels"));
  }

  private static ExceptionSettings withLabels(Path labels) {
    return ExceptionSettings.from(TestConfig.with("airbag.feedback.file", labels), "svc");
  }
}
