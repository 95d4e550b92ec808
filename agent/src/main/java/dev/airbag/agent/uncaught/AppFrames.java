package dev.airbag.agent.uncaught;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Tells application frames from platform and library frames, by class-name prefix, so that a fingerprint
 * names the app's code and not the JDK's or a framework's (which are the same for every bug). Immutable and
 * thread-safe.
 */
public final class AppFrames {
  /** Never application code: the JDK, its internals, Kotlin's runtime, and Airbag itself. */
  public static final List<String> PLATFORM_PREFIXES = Collections.unmodifiableList(Arrays.asList(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.", "dev.airbag."));

  private final String[] prefixes;

  private AppFrames(List<String> prefixes) {
    this.prefixes = prefixes.toArray(new String[0]);
  }

  /** The platform prefixes plus the configured library prefixes ({@code org.springframework.}); blanks ignored. */
  public static AppFrames excluding(List<String> libraryPrefixes) {
    List<String> all = new ArrayList<>(PLATFORM_PREFIXES);
    for (String prefix : libraryPrefixes) {
      if (prefix != null && !prefix.trim().isEmpty()) {
        all.add(prefix.trim());
      }
    }
    return new AppFrames(all);
  }

  /** Only the platform prefixes. */
  public static AppFrames platformOnly() {
    return new AppFrames(PLATFORM_PREFIXES);
  }

  public boolean isApplication(StackTraceElement frame) {
    return isApplication(frame.getClassName());
  }

  public boolean isApplication(String className) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
