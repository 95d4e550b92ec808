package dev.airbag.it.support;

import dev.airbag.faultserver.FaultServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh fault server and folder per test method, and the apps' summary line read back. */
public abstract class FaultServerTest {
  private static final Pattern SUMMARY = Pattern.compile("SUMMARY calls=\\d+ ok=(\\d+)");
  private static final Pattern TAIL_MEAN = Pattern.compile("tail_mean_us=(\\d+)");

  @TempDir protected Path dir;
  protected FaultServer server;

  @BeforeEach
  void startServer() {
    server = FaultServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Calls the app reports as served, from its SUMMARY line; -1 when it printed none. */
  protected static long okCount(ChildJvm.Result result) {
    Matcher matcher = SUMMARY.matcher(result.stdout());
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  /** The app's mean time per call over the second half of its calls, in microseconds. */
  protected static long tailMeanMicros(ChildJvm.Result result) {
    Matcher matcher = TAIL_MEAN.matcher(result.stdout());
    return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }
}
