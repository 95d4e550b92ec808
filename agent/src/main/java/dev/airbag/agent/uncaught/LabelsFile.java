package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The labels a person wrote (see {@link LabelLine} for the format), re-read when the file changes so that a
 * label applies to the next occurrence without a restart. The check is lazy: a lookup at most once per
 * recheck interval compares the file's modification time and size, on whichever thread asks, so no thread
 * polls an idle file. A bad line is logged once per reload, naming the file, line and what is allowed; the
 * other lines still apply. A missing file has no labels. Thread-safe.
 */
public final class LabelsFile implements Labels {
  /** A labels file is a person's notes; anything larger is a mistake, and only its start is read. */
  static final int MAX_BYTES = 1 << 20;
  private static final int MAX_LOGGED_PROBLEMS = 20;

  private final Path path;
  private final LabelSource source;
  private final Clock clock;
  private final long recheckNanos;
  private final Logger log;
  private final AtomicLong lastCheckNanos = new AtomicLong();
  private volatile boolean checkedOnce;
  private volatile Map<String, Verdict> labels = Collections.emptyMap();
  /** Only the thread that won the check's CAS reads or writes it. */
  private String stamp = "";

  public LabelsFile(Path path, LabelSource source, Clock clock, Duration recheckInterval, Logger log) {
    this.path = path;
    this.source = source;
    this.clock = clock;
    this.recheckNanos = recheckInterval.toNanos();
    this.log = log;
  }

  @Override
  public Verdict labelFor(String fingerprint) {
    refreshIfDue();
    return labels.get(fingerprint);
  }

  /** Every labelled fingerprint as of the last read. */
  public Set<String> fingerprints() {
    refreshIfDue();
    return labels.keySet();
  }

  public Path path() {
    return path;
  }

  /** Re-reads the file if it changed and the recheck interval has passed since the last check. */
  void refreshIfDue() {
    long now = clock.nanoTime();
    long last = lastCheckNanos.get();
    // Elapsed time is compared as a difference: nanoTime may wrap around.
    if (checkedOnce && now - last < recheckNanos) {
      return;
    }
    // The CAS lets one of several racing threads do the check; the others keep the current labels.
    if (!lastCheckNanos.compareAndSet(last, now)) {
      return;
    }
    checkedOnce = true;
    try {
      reloadIfChanged();
    } catch (IOException | RuntimeException e) {
      log.warn("airbag: cannot read labels file {}: {}; keeping the labels read before", path, e.toString());
    }
  }

  private void reloadIfChanged() throws IOException {
    String current;
    try {
      current = Files.getLastModifiedTime(path).toMillis() + "/" + Files.size(path);
    } catch (NoSuchFileException missing) {
      labels = Collections.emptyMap();
      stamp = "";
      return;
    }
    if (current.equals(stamp)) {
      return;
    }
    stamp = current;
    labels = Collections.unmodifiableMap(parse(read()));
  }

  private String read() throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }
  }

  private Map<String, Verdict> parse(String text) {
    Map<String, Verdict> parsed = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    int problems = 0;
    for (int i = 0; i < lines.length; i++) {
      try {
        LabelLine line = LabelLine.parse(lines[i], source);
        if (line != null) {
          parsed.put(line.fingerprint(), line.verdict());
        }
      } catch (IllegalArgumentException bad) {
        problems++;
        if (problems <= MAX_LOGGED_PROBLEMS) {
          log.warn("airbag: labels file {} line {}: {}; line ignored, the others apply", path, i + 1,
              bad.getMessage());
        }
      }
    }
    if (problems > MAX_LOGGED_PROBLEMS) {
      log.warn("airbag: labels file {}: {} more bad lines ignored", path, problems - MAX_LOGGED_PROBLEMS);
    }
    return parsed;
  }
}
