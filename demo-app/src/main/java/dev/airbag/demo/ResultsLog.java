package dev.airbag.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's own log of what each call gave the underwriter, as JSON lines the demo driver reads: one line per
 * call ({@code kind=call}) and one per circuit transition of the hand-written breakers ({@code kind=circuit}).
 * Thread-safe.
 */
final class ResultsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  ResultsLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file);
  }

  void call(LoanPackage loan, long startEpochMs, double millis, Summary summary, Exception error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "call");
    line.put("number", loan.number());
    line.put("model", loan.model());
    line.put("streamed", loan.streamed());
    line.put("start", startEpochMs);
    line.put("millis", millis);
    line.put("ok", error == null);
    if (summary != null) {
      line.put("served_model", summary.model());
      line.put("text", summary.text());
    }
    if (error != null) {
      line.put("error", error.getClass().getSimpleName() + ": " + error.getMessage());
    }
    write(line);
  }

  void circuit(String model, String state) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "circuit");
    line.put("model", model);
    line.put("state", state);
    line.put("at", System.currentTimeMillis());
    write(line);
  }

  private synchronized void write(Map<String, Object> line) {
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
