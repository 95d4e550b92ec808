package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.HeaderLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An exchange whose answers come from a script; records what each attempt sent and what was discarded. */
final class FakeExchange implements Exchange<FakeExchange.Answer> {
  /** A scripted response; mutable only through the exchange. */
  static final class Answer {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    final boolean synthesized;
    boolean discarded;
    StreamMonitor monitor;

    Answer(int status, String body, boolean synthesized) {
      this.status = status;
      this.body = body.getBytes(StandardCharsets.UTF_8);
      this.synthesized = synthesized;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final List<AttemptRequest> sent = new ArrayList<>();
  final List<Answer> discarded = new ArrayList<>();
  private final Deque<Function<AttemptRequest, Object>> script = new ArrayDeque<>();
  private Function<AttemptRequest, Object> otherwise;
  boolean canceled;

  /** Answers with this status and body, once. */
  FakeExchange then(int status, String body) {
    script.add(attempt -> new Answer(status, body, false));
    return this;
  }

  FakeExchange then(int status, String body, String header, String value) {
    script.add(attempt -> {
      Answer answer = new Answer(status, body, false);
      answer.headers.put(header, value);
      return answer;
    });
    return this;
  }

  FakeExchange thenThrow(IOException failure) {
    script.add(attempt -> failure);
    return this;
  }

  /** Answers every attempt after the script with {@code answer}. */
  FakeExchange otherwise(Function<AttemptRequest, Object> answer) {
    this.otherwise = answer;
    return this;
  }

  @Override
  public Answer send(AttemptRequest attempt) throws IOException {
    sent.add(attempt);
    Function<AttemptRequest, Object> next = script.isEmpty() ? otherwise : script.poll();
    if (next == null) {
      throw new AssertionError("unscripted attempt " + sent.size());
    }
    Object result = next.apply(attempt);
    if (result instanceof IOException) {
      throw (IOException) result;
    }
    return (Answer) result;
  }

  @Override
  public int status(Answer response) {
    return response.status;
  }

  @Override
  public HeaderLookup headers(Answer response) {
    return HeaderLookup.of(response.headers);
  }

  @Override
  public byte[] peekBody(Answer response, int maxBytes) {
    return response.body;
  }

  @Override
  public void discard(Answer response) {
    response.discarded = true;
    discarded.add(response);
  }

  @Override
  public Answer withHeaders(Answer response, Map<String, String> headers) {
    response.headers.putAll(headers);
    return response;
  }

  @Override
  public Answer synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    Answer answer = new Answer(status, new String(jsonBody, StandardCharsets.UTF_8), true);
    answer.headers.putAll(headers);
    return answer;
  }

  @Override
  public Answer monitorStream(Answer response, StreamMonitor monitor) {
    response.monitor = monitor;
    return response;
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }
}
