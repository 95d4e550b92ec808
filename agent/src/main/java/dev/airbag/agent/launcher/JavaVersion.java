package dev.airbag.agent.launcher;

/**
 * Reads the feature release of the running Java from {@code java.specification.version} ("1.8" up to Java 8,
 * "11", "25" since), the one property every JVM has always set. Compiled for Java 8 so that it runs on any JVM the
 * agent may meet. Stateless.
 */
public final class JavaVersion {
  /** The agent's own classes are Java 11 bytecode. */
  public static final int MINIMUM = 11;

  private JavaVersion() {}

  /** The feature release named by a {@code java.specification.version} value, or 0 when it cannot be read. */
  public static int feature(String specificationVersion) {
    if (specificationVersion == null) {
      return 0;
    }
    String version = specificationVersion.trim();
    // Up to Java 8 the value is "1.N".
    if (version.startsWith("1.")) {
      version = version.substring(2);
    }
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 4) {
      return 0;
    }
    return Integer.parseInt(version.substring(0, end));
  }

  /**
   * Null when the agent can run on this version; otherwise the one line an agent start prints to say why it will
   * not. An unreadable version is given the benefit of the doubt: the agent's own start-up catches what then fails.
   */
  public static String refusal(String specificationVersion) {
    String tooOld = tooOld(specificationVersion);
    return tooOld == null ? null : tooOld + "; the app runs without Airbag";
  }

  /** Like {@link #refusal(String)}, for a command ({@code java -jar airbag-agent.jar ...}), where there is no app. */
  public static String commandRefusal(String specificationVersion) {
    String tooOld = tooOld(specificationVersion);
    return tooOld == null ? null : tooOld + "; run this command with Java " + MINIMUM + " or newer";
  }

  private static String tooOld(String specificationVersion) {
    int feature = feature(specificationVersion);
    if (feature == 0 || feature >= MINIMUM) {
      return null;
    }
    // "Java 8", as people name it, not the "1.8" the property says.
    return "[airbag] Airbag needs Java " + MINIMUM + " or newer and this JVM is Java " + feature;
  }

  /** {@link #refusal(String)} for the running JVM. */
  public static String refusalForThisJvm() {
    return refusal(thisJvm());
  }

  /** {@link #commandRefusal(String)} for the running JVM. */
  public static String commandRefusalForThisJvm() {
    return commandRefusal(thisJvm());
  }

  private static String thisJvm() {
    try {
      return System.getProperty("java.specification.version");
    } catch (SecurityException unreadable) {
      return null;
    }
  }
}
