package dev.airbag.agent.uncaught;

import dev.airbag.agent.support.OwnerOnlyFiles;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * The to-do list of human review: for each fingerprint no rule or label covers, a commented block in
 * {@code <labels file>.pending} describing it (type, masked message, top frames, the AI's suggestion if any)
 * and ending with a template label line that a person copies into the labels file, uncommented and edited.
 * Each fingerprint is written once, even across restarts. Creates the labels file, owner-only, with a header
 * explaining its format, so a person finds both side by side. Used by the review worker's thread only.
 */
final class PendingReviews {
  static final String LABELS_HEADER = "# Airbag exception labels, re-read while the app runs. One line per fingerprint:\n"
      + "#   FINGERPRINT severity=info|warning|critical escalation=page|ticket|human_review|none"
      + " [category=...] [note=\"...\"]\n"
      + "# Copy a template line from the .pending file next to this one, remove its leading '#', edit it.\n";
  static final String PENDING_HEADER = "# Airbag: fingerprints waiting for a label. Copy a '#<fingerprint> ...' line into"
      + " the labels file\n# without its '#', set severity and escalation, and the next occurrence uses it.\n";
  private static final Pattern TEMPLATE = Pattern.compile("^#([0-9a-f]{16}) ", Pattern.MULTILINE);
  private static final int MAX_KNOWN = 10_000;
  private static final int MAX_MESSAGE_CHARS = 200;

  private final LabelsFile labels;
  private final Path pendingFile;
  private final Logger log;
  private Set<String> known;

  PendingReviews(LabelsFile labels, Logger log) {
    this.labels = labels;
    this.pendingFile = labels.path().resolveSibling(labels.path().getFileName() + ".pending");
    this.log = log;
  }

  Path pendingFile() {
    return pendingFile;
  }

  /** Writes the fingerprint's block unless it is labelled or already pending; {@code suggestion} may be null. */
  void add(ReviewCase review, Verdict suggestion) {
    try {
      String fingerprint = review.fingerprint().value();
      if (known().contains(fingerprint) || labels.labelFor(fingerprint) != null) {
        return;
      }
      OwnerOnlyFiles.createIfAbsent(labels.path(), LABELS_HEADER);
      OwnerOnlyFiles.append(pendingFile, PENDING_HEADER, block(review, suggestion));
      if (known.size() < MAX_KNOWN) {
        known.add(fingerprint);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("airbag: cannot write pending reviews to {}: {}", pendingFile, e.toString());
    }
  }

  static String block(ReviewCase review, Verdict suggestion) {
    Fingerprint fp = review.fingerprint();
    StringBuilder out = new StringBuilder("\n# ").append(Instant.ofEpochMilli(review.seenMillis()))
        .append("  ").append(fp.type());
    String message = MessageMasker.forEvent(review.rawMessage(), MAX_MESSAGE_CHARS);
    if (message != null) {
      out.append(": ").append(message.replace('\n', ' ').replace('\r', ' '));
    }
    for (String frame : fp.frames()) {
      out.append("\n#     at ").append(frame);
    }
    for (String cause : fp.causeTypes()) {
      out.append("\n#     caused by ").append(cause);
    }
    // A rejected AI answer suggests nothing: the template then starts from a neutral label.
    boolean usable = suggestion != null && suggestion.escalation() != Escalation.HUMAN_REVIEW;
    if (usable) {
      out.append("\n#   AI suggests this label (").append(oneLine(suggestion.reason())).append(')');
    }
    String template = usable
        ? LabelLine.format(fp.value(), suggestion.severity(), suggestion.escalation(), suggestion.category(), "")
        : LabelLine.format(fp.value(), Severity.WARNING, Escalation.TICKET, null, "");
    return out.append("\n#").append(template).append('\n').toString();
  }

  private Set<String> known() throws IOException {
    if (known == null) {
      known = new HashSet<>();
      try {
        Matcher m = TEMPLATE.matcher(new String(Files.readAllBytes(pendingFile), StandardCharsets.UTF_8));
        while (m.find() && known.size() < MAX_KNOWN) {
          known.add(m.group(1));
        }
      } catch (NoSuchFileException none) {
        // Nothing pending yet.
      }
    }
    return known;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }
}
