package dev.airbag.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A child JVM the driver talks to line by line (commands on its stdin, answers on its stdout), so that several can
 * stay alive side by side and take turns. Not thread-safe.
 */
final class LiveChild implements AutoCloseable {
  private final Process process;
  private final PrintWriter in;
  private final BufferedReader out;
  private final Path stderr;
  private final Supplier<String> description;

  LiveChild(Process process, Path stderr, Supplier<String> description) {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.stderr = stderr;
    this.description = description;
  }

  /** Sends one command (null sends nothing) and returns the first answer line starting with {@code prefix}. */
  String ask(String command, String prefix) throws IOException {
    if (command != null) {
      in.println(command);
    }
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("ended without answering " + command + ": " + failure());
  }

  /** Sends {@code end} and collects the RESULT lines printed before {@code END}. */
  Map<String, Double> end() throws IOException {
    in.println("end");
    Map<String, Double> results = new LinkedHashMap<>();
    for (String line = out.readLine(); line != null && !line.equals("END"); line = out.readLine()) {
      if (line.startsWith(dev.airbag.bench.apps.ChildReport.PREFIX)) {
        String[] parts = line.split(" ");
        results.put(parts[1], Double.parseDouble(parts[2]));
      }
    }
    return results;
  }

  private String failure() throws IOException {
    String text = Files.exists(stderr) ? Files.readString(stderr) : "";
    return description.get() + "\n--- stderr (tail)\n" + text.substring(Math.max(0, text.length() - 4000));
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
