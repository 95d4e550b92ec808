package dev.airbag.faultserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The response one request will get, as {@link Fault}s shape it before the server writes a byte. It starts as
 * the provider's success answer for that request (a JSON body, or SSE events when the request streams), and
 * each fault changes what it must: the status and body, extra headers, the timing, or how the connection ends.
 * One per request; not thread-safe.
 */
public final class ResponseSpec {
  /** How the exchange ends. */
  public enum Ending {
    /** The whole response, then the connection stays open unless it must close. */
    COMPLETE,
    /** Close the connection after reading the request, before any response byte. */
    DROP,
    /** Like {@link #DROP}, but with a TCP reset instead of an orderly close. */
    RESET,
    /** Write the headers and part of the body, then close abruptly: no terminating chunk. */
    CUT
  }

  private final RequestInfo request;
  private int status = 200;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private List<String> events;
  private Ending ending = Ending.COMPLETE;
  private int cutAfterEvents;
  private Duration firstByteDelay = Duration.ZERO;
  private Duration headDuration = Duration.ZERO;
  private Duration chunkDelay = Duration.ZERO;
  private int chunkBytes = 64;
  private boolean gzip;
  private boolean closeConnection;
  private long fillerBytes;

  ResponseSpec(RequestInfo request) {
    this.request = request;
  }

  public RequestInfo request() {
    return request;
  }

  /** Replace status, body and content type: a plain (non-streamed) answer. */
  public ResponseSpec answer(int status, String contentType, byte[] body) {
    this.status = status;
    this.body = body.clone();
    this.fillerBytes = 0;
    this.events = null;
    return header("Content-Type", contentType);
  }

  /**
   * A plain-text answer whose body is {@code bytes} of numbered log lines, made up as it is written (so any size
   * costs the server no memory) and sent with a Content-Length. Gzip and trickling do not apply to it.
   */
  public ResponseSpec filler(int status, long bytes) {
    answer(status, "text/plain; charset=us-ascii", new byte[0]);
    this.fillerBytes = bytes;
    return this;
  }

  /** {@link #answer(int, String, byte[])} with a JSON body. */
  public ResponseSpec json(int status, String json) {
    return answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Replace the body by server-sent events, each the complete text of one event (blank line included). */
  public ResponseSpec events(int status, List<String> events) {
    this.status = status;
    this.events = List.copyOf(events);
    this.body = new byte[0];
    return header("Content-Type", "text/event-stream; charset=utf-8").header("Cache-Control", "no-cache");
  }

  /** Set {@code name} to {@code value}, replacing earlier values of it (any case). */
  public ResponseSpec header(String name, String value) {
    headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
    headers.add(Map.entry(name, value));
    return this;
  }

  /** End the exchange as {@code ending}; {@code afterEvents} counts the events (or body chunks) a cut keeps. */
  public ResponseSpec end(Ending ending, int afterEvents) {
    this.ending = ending;
    this.cutAfterEvents = afterEvents;
    return this;
  }

  /** Trickle the status line and headers out in ten pieces over {@code total}, as a struggling proxy may. */
  public ResponseSpec slowHead(Duration total) {
    this.headDuration = total;
    return this;
  }

  public Duration headDuration() {
    return headDuration;
  }

  /** Wait this long before the first response byte. */
  public ResponseSpec firstByteDelay(Duration delay) {
    this.firstByteDelay = delay;
    return this;
  }

  /** Write the body in chunks of {@code bytes} (SSE: one event per chunk) with {@code delay} between them. */
  public ResponseSpec slowly(Duration delay, int bytes) {
    this.chunkDelay = delay;
    this.chunkBytes = Math.max(1, bytes);
    return this;
  }

  /** Send a plain body gzip-encoded with {@code Content-Encoding: gzip}. */
  public ResponseSpec gzip() {
    this.gzip = true;
    return this;
  }

  /** Answer with {@code Connection: close} and close after the response. */
  public ResponseSpec closeConnection() {
    this.closeConnection = true;
    return this;
  }

  public int status() {
    return status;
  }

  public List<Map.Entry<String, String>> headers() {
    return List.copyOf(headers);
  }

  public byte[] body() {
    return body.clone();
  }

  /** Whether the body is a list of server-sent events rather than plain bytes. */
  public boolean streaming() {
    return events != null;
  }

  public List<String> eventList() {
    return events == null ? List.of() : events;
  }

  public Ending ending() {
    return ending;
  }

  public int cutAfterEvents() {
    return cutAfterEvents;
  }

  public Duration firstByteDelay() {
    return firstByteDelay;
  }

  public Duration chunkDelay() {
    return chunkDelay;
  }

  public int chunkBytes() {
    return chunkBytes;
  }

  public boolean gzipped() {
    return gzip;
  }

  /** The length of a made-up filler body ({@link #filler}); 0 when the body is {@link #body()}. */
  public long fillerBytes() {
    return fillerBytes;
  }

  public boolean closesConnection() {
    return closeConnection;
  }
}
