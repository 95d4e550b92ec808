package dev.airbag.agent.uncaught;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The identity of a bug, stable across restarts and redeploys that move lines: the exception's type, its top
 * {@value #TOP_FRAMES} application frames (normalised by {@code FrameNames}, without line numbers), and the
 * types of its causes, hashed to 16 hex characters. When no frame is the app's (a JDK thread failing on its
 * own), the top frames of any kind are used instead. Immutable and thread-safe.
 */
public final class Fingerprint {
  public static final int TOP_FRAMES = 5;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String value;
  private final String type;
  private final List<String> frames;
  private final List<String> causeTypes;

  private Fingerprint(String value, String type, List<String> frames, List<String> causeTypes) {
    this.value = value;
    this.type = type;
    this.frames = frames;
    this.causeTypes = causeTypes;
  }

  public static Fingerprint of(Throwable error, AppFrames appFrames) {
    return of(error, CauseChain.of(error), appFrames);
  }

  static Fingerprint of(Throwable error, List<Throwable> chain, AppFrames appFrames) {
    String type = FrameNames.className(error.getClass().getName());
    StackTraceElement[] stack = StackLines.safeStack(error);
    List<String> frames = topFrames(stack, appFrames);
    if (frames.isEmpty()) {
      // A JDK thread failing on its own: its top frames still tell one failure from another.
      frames = topFrames(stack, null);
    }
    List<String> causes = CauseChain.causeTypes(chain);
    StringBuilder canonical = new StringBuilder(256).append(type);
    for (String frame : frames) {
      canonical.append('\n').append(frame);
    }
    for (String cause : causes) {
      canonical.append("\ncaused by ").append(cause);
    }
    return new Fingerprint(hash(canonical.toString()), type, frames, causes);
  }

  /** 16 lower-case hex characters. */
  public String value() {
    return value;
  }

  /** The exception's class name, normalised. */
  public String type() {
    return type;
  }

  /** The normalised frames that went into the hash, top first ({@code com.acme.Orders.place}). */
  public List<String> frames() {
    return frames;
  }

  /** The normalised types of the causes, outermost first. */
  public List<String> causeTypes() {
    return causeTypes;
  }

  @Override
  public String toString() {
    return value;
  }

  /** The first {@value #TOP_FRAMES} frames that {@code appFrames} accepts; every frame when it is null. */
  private static List<String> topFrames(StackTraceElement[] stack, AppFrames appFrames) {
    List<String> frames = new ArrayList<>(TOP_FRAMES);
    for (StackTraceElement element : stack) {
      if (frames.size() == TOP_FRAMES) {
        break;
      }
      if (element != null && (appFrames == null || appFrames.isApplication(element))) {
        frames.add(FrameNames.frame(element));
      }
    }
    return Collections.unmodifiableList(frames);
  }

  private static String hash(String canonical) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      char[] out = new char[16];
      for (int i = 0; i < 8; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      // Every JDK must provide SHA-256 (java.security.MessageDigest's contract).
      throw new IllegalStateException(e);
    }
  }
}
