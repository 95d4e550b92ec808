package dev.airbag.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDKs to run child JVMs on: the one running the build, and the newest other JDK 21+ on the machine
 * (Temurin 25 here), looked up under /usr/lib/jvm, JAVA_HOME and AIRBAG_TEST_JDKS rather than hard-coded.
 */
public final class Jdks {
  private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
  private static final List<Jdk> FOR_TESTS = discover();

  private Jdks() {}

  /** Argument source for parameterized tests: the build's JDK, then the newest other JDK 21+, if any. */
  public static Stream<Jdk> forTests() {
    return FOR_TESTS.stream();
  }

  public static Jdk current() {
    return FOR_TESTS.get(0);
  }

  private static List<Jdk> discover() {
    Path currentHome = Paths.get(System.getProperty("java.home"));
    Jdk current = new Jdk(Runtime.version().feature(), currentHome);
    Map<Integer, Path> others = new TreeMap<>();
    for (Path candidate : candidates()) {
      Integer major = majorOf(candidate);
      if (major != null && major >= 21 && major != current.major() && Files.isExecutable(candidate.resolve("bin/java"))) {
        others.putIfAbsent(major, candidate);
      }
    }
    List<Jdk> result = new ArrayList<>();
    result.add(current);
    if (others.isEmpty()) {
      System.err.println("[it] no JDK 21+ besides JDK " + current.major() + " found; agent tests run on one JDK only");
    } else {
      int newest = ((TreeMap<Integer, Path>) others).lastKey();
      result.add(new Jdk(newest, others.get(newest)));
    }
    return List.copyOf(result);
  }

  private static List<Path> candidates() {
    List<Path> paths = new ArrayList<>();
    String extra = System.getenv("AIRBAG_TEST_JDKS");
    if (extra != null) {
      for (String path : extra.split(java.io.File.pathSeparator)) {
        if (!path.isBlank()) {
          paths.add(Paths.get(path.trim()));
        }
      }
    }
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null) {
      paths.add(Paths.get(javaHome));
    }
    for (String root : List.of("/usr/lib/jvm", "/opt/java", System.getProperty("user.home") + "/.sdkman/candidates/java")) {
      try (Stream<Path> children = Files.list(Paths.get(root))) {
        children.sorted().forEach(paths::add);
      } catch (IOException | RuntimeException absent) {
        // Not a directory on this machine.
      }
    }
    return paths;
  }

  private static Integer majorOf(Path home) {
    try {
      Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    } catch (IOException | RuntimeException noReleaseFile) {
      return null;
    }
  }
}
