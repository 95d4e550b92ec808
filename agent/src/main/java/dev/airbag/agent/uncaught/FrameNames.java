package dev.airbag.agent.uncaught;

import java.util.regex.Pattern;

/**
 * Normalises class and method names so that the same code has the same name in every run and every build:
 * generated-class suffixes, lambda ordinals and anonymous-class numbers are dropped, since the JVM, the
 * compiler or a proxy library picks them and they change when unrelated code moves. Stateless.
 *
 * <p>Numbered anonymous classes lose their number ({@code Foo$1} becomes {@code Foo$}): adding an anonymous
 * class above another renumbers it, and the frames below it still tell two anonymous classes apart.
 */
final class FrameNames {
  // Hidden classes print as Foo$$Lambda$12/0x0000000800c0b000 (JDK 8-17) or Foo$$Lambda/0x... (21+).
  private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$Lambda.*$");
  private static final Pattern HIDDEN_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+$");
  private static final Pattern PROXY = Pattern.compile("\\$Proxy\\d+");
  private static final Pattern GENERATED = Pattern.compile(
      "\\$\\$?(EnhancerBy\\w*|FastClassBy\\w*|SpringCGLIB|ByteBuddy|HibernateProxy|MockitoMock)\\$.*$");
  private static final Pattern ANONYMOUS = Pattern.compile("\\$\\d+");
  // lambda$main$0, lambda$static$3, access$000: ordinals the compiler assigns.
  private static final Pattern METHOD_ORDINAL = Pattern.compile("\\$\\d+$");

  private FrameNames() {
  }

  static String className(String name) {
    // Most names have no '$' or '/': skip the patterns, which matters in a burst of one exception.
    if (name.indexOf('$') < 0 && name.indexOf('/') < 0) {
      return name;
    }
    String n = HIDDEN_SUFFIX.matcher(name).replaceFirst("");
    n = LAMBDA_CLASS.matcher(n).replaceFirst("\\$\\$Lambda");
    n = GENERATED.matcher(n).replaceFirst("");
    n = PROXY.matcher(n).replaceAll("\\$Proxy");
    return ANONYMOUS.matcher(n).replaceAll("\\$");
  }

  static String methodName(String name) {
    if (name.indexOf('$') < 0) {
      return name;
    }
    return METHOD_ORDINAL.matcher(name).replaceFirst("");
  }

  /** {@code class.method}, both normalised, without file or line. */
  static String frame(StackTraceElement element) {
    return className(element.getClassName()) + '.' + methodName(element.getMethodName());
  }
}
