package dev.airbag.faultserver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The top-level fields of an LLM request body the server acts on, read with Jackson's streaming parser: only
 * top-level ones, so a {@code "model"} nested in a message is never taken for the request's model. A body that is
 * not JSON, or breaks off, keeps what was read before the break. Immutable.
 *
 * @param model        the top-level {@code "model"} string, or {@code ""}
 * @param stream       whether top-level {@code "stream"} is the literal {@code true}
 * @param includeUsage whether {@code "stream_options": {"include_usage": true}} asks for OpenAI's usage chunk
 */
record RequestFields(String model, boolean stream, boolean includeUsage) {
  private static final JsonFactory FACTORY = new JsonFactory();

  static RequestFields read(String body) {
    Reader reader = new Reader();
    try (JsonParser json = FACTORY.createParser(body)) {
      reader.readObject(json);
    } catch (IOException e) {
      // Not JSON, or cut short: a request's fields are whatever came before the break.
    }
    return new RequestFields(reader.model == null ? "" : reader.model, reader.stream, reader.includeUsage);
  }

  /** The fields found so far; the first occurrence of a repeated field wins. */
  private static final class Reader {
    String model;
    boolean stream;
    boolean includeUsage;
    private boolean streamSeen;

    void readObject(JsonParser json) throws IOException {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (name.equals("model") && model == null) {
          model = value == JsonToken.VALUE_STRING ? json.getText() : "";
        } else if (name.equals("stream") && !streamSeen) {
          streamSeen = true;
          stream = value == JsonToken.VALUE_TRUE;
        } else if (name.equals("stream_options") && value == JsonToken.START_OBJECT) {
          readStreamOptions(json);
          continue;
        }
        json.skipChildren();
      }
    }

    private void readStreamOptions(JsonParser json) throws IOException {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (name.equals("include_usage")) {
          includeUsage = value == JsonToken.VALUE_TRUE;
        }
        json.skipChildren();
      }
    }
  }
}
