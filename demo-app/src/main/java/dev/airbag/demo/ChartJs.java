package dev.airbag.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Chart.js, read from its WebJar on the class path so the report inlines it and opens offline (nothing is fetched
 * at run time).
 */
final class ChartJs {
  private static final String POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartJs() {}

  static String version() {
    Properties pom = new Properties();
    try (InputStream in = resource(POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  /** The minified UMD bundle, without its source-map comment (the map is not shipped with the report). */
  static String script() {
    String path = "META-INF/resources/webjars/chart.js/" + version() + "/dist/chart.umd.min.js";
    try (InputStream in = resource(path)) {
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return source.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException("Chart.js is not on the class path (" + path + "): is org.webjars.npm:chart.js missing?");
    }
    return in;
  }
}
