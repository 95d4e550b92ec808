package dev.airbag.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test app built on libraries the test class path must not carry (they would change what every other child JVM
 * sees): its source lives in {@code src/test/<folder>}, is compiled at test time against {@code app-libs/<folder>},
 * and runs with only those jars and the test classes. Stateless.
 */
public final class ExternalApp {
  private ExternalApp() {}

  /** Compiles {@code mainClass} from {@code src/test/<folder>} for Java 17; returns the class path that runs it. */
  public static String compile(String folder, String mainClass) throws IOException {
    String jars;
    try (Stream<Path> files = Files.list(Paths.get(System.getProperty("airbag.app.libs"), folder))) {
      jars = files.sorted().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
    String testClasses = System.getProperty("airbag.test.classes");
    Path source = Paths.get(System.getProperty("airbag.test.sources")).resolveSibling(folder)
        .resolve(mainClass.replace('.', '/') + ".java");
    Path classes = Javac.compile(17, jars + File.pathSeparator + testClasses,
        Paths.get(testClasses).resolveSibling(folder + "-classes"), source);
    return String.join(File.pathSeparator, classes.toString(), testClasses, jars);
  }
}
