package dev.airbag.it.h2;

import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Javac;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import dev.airbag.it.support.LegacyJdks;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The JVMs the HTTP/2 tests run their apps on: the build's JDK, the newest other one (Temurin 25), and a real Java 11
 * (skipped, saying why, when it cannot be fetched), each trusting the test's {@link TlsProvider}.
 */
final class H2Jvms {
  private H2Jvms() {}

  /** Argument source: the feature versions to run on, Java 11 included. */
  static Stream<Integer> features() {
    return Stream.concat(modern(), Stream.of(11));
  }

  /** Argument source: the build's JDK and the newest other one. */
  static Stream<Integer> modern() {
    return Jdks.forTests().map(Jdk::major);
  }

  /** A child JVM of that feature version with the apps on its class path and the provider's trust store. */
  static ChildJvm on(int feature, TlsProvider provider, Path dir) throws Exception {
    ChildJvm child;
    if (feature == 11) {
      Jdk java11 = java11();
      String testJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(entry -> entry.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
      Path classes = Javac.compile(11, testJars, dir.resolve("java11-classes"), Javac.sourceOf(H2CallApp.class));
      child = ChildJvm.on(java11).classpath(classes.toString()).classpath(testJars);
    } else {
      Jdk jdk = Jdks.forTests().filter(candidate -> candidate.major() == feature).findFirst().orElseThrow();
      child = ChildJvm.on(jdk).testClasspath();
    }
    provider.trustArgs().forEach(child::jvmArg);
    return child;
  }

  private static Jdk java11() {
    try {
      return LegacyJdks.java11();
    } catch (Exception | AssertionError unavailable) {
      String why = "a real Java 11 could not be fetched (" + unavailable + "); the Java 11 case is skipped";
      System.err.println("[it] " + why);
      return Assumptions.abort(why);
    }
  }
}
