package dev.airbag.agent.uncaught;

import dev.airbag.agent.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The AI classifier's answers per fingerprint, so that each fingerprint is asked about once, persisted as
 * label lines ({@link LabelLine}) in an owner-only file so that a restart does not ask again. Holds at most
 * {@code capacity} answers in memory; past that, new answers are used once and not kept. Thread-safe.
 */
final class AiLabelCache implements Labels {
  static final String HEADER = "# Airbag: labels given by the AI classifier, one per fingerprint. A line in the\n"
      + "# labels file (airbag.feedback.file) overrides the line here; delete a line to ask again.\n";

  private final Map<String, Verdict> labels = new ConcurrentHashMap<>();
  private final Path file;
  private final int capacity;
  private final Logger log;

  /** @param file the cache file, or null for memory only; an existing file is read now */
  AiLabelCache(Path file, int capacity, Logger log) {
    this.file = file;
    this.capacity = capacity;
    this.log = log;
    load();
  }

  @Override
  public Verdict labelFor(String fingerprint) {
    return labels.get(fingerprint);
  }

  /** Keeps the answer and appends it to the file; an I/O failure is logged and the answer still used. */
  void put(String fingerprint, Verdict verdict) {
    if (labels.size() < capacity) {
      labels.put(fingerprint, verdict);
    }
    if (file == null) {
      return;
    }
    String line = LabelLine.format(fingerprint, verdict.severity(), verdict.escalation(), verdict.category(),
        verdict.reason()) + "\n";
    try {
      OwnerOnlyFiles.append(file, HEADER, line);
    } catch (IOException | RuntimeException e) {
      log.warn("airbag: cannot write AI label cache {}: {}", file, e.toString());
    }
  }

  private void load() {
    if (file == null) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String text : lines) {
        LabelLine line = parseQuietly(text);
        if (line != null && labels.size() < capacity) {
          labels.put(line.fingerprint(), line.verdict());
        }
      }
    } catch (NoSuchFileException first) {
      // Nothing cached yet.
    } catch (IOException | RuntimeException e) {
      log.warn("airbag: cannot read AI label cache {}: {}; asking again", file, e.toString());
    }
  }

  private static LabelLine parseQuietly(String text) {
    try {
      return LabelLine.parse(text, LabelSource.AI);
    } catch (IllegalArgumentException bad) {
      // Airbag wrote this file; a damaged line is asked about again rather than reported.
      return null;
    }
  }
}
