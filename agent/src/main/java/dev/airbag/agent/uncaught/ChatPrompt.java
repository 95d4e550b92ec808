package dev.airbag.agent.uncaught;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Builds the chat-completions request that asks a model to label one fingerprint. It carries only what
 * {@link MessageMasker#forModel} leaves of the message (no secrets, numbers, e-mails or ids), the normalised
 * top frames and the cause types. Stateless and thread-safe.
 */
final class ChatPrompt {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_MESSAGE_CHARS = 300;

  static final String INSTRUCTIONS = "You label Java exceptions for the team that runs a service. "
      + "Answer with one JSON object and nothing else: {\"severity\": \"info\"|\"warning\"|\"critical\", "
      + "\"escalation\": \"page\"|\"ticket\"|\"human_review\"|\"none\", \"category\": one of "
      + Vocabulary.categories() + " when it is a failure of a call to an AI model, else null, "
      + "\"reason\": one short sentence}. Page only for what needs a person now; use human_review when unsure.";

  private ChatPrompt() {
  }

  static String requestBody(String model, ReviewCase review) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeNumberField("temperature", 0);
      g.writeArrayFieldStart("messages");
      message(g, "system", INSTRUCTIONS);
      message(g, "user", describe(review));
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does no I/O.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The redacted description of the exception that the model sees. */
  static String describe(ReviewCase review) {
    Fingerprint fp = review.fingerprint();
    StringBuilder text = new StringBuilder("exception: ").append(fp.type());
    String message = MessageMasker.forModel(review.rawMessage(), MAX_MESSAGE_CHARS);
    if (message != null) {
      text.append("\nmessage: ").append(message);
    }
    text.append("\ntop frames:");
    for (String frame : fp.frames()) {
      text.append("\n  at ").append(frame);
    }
    if (!fp.causeTypes().isEmpty()) {
      text.append("\ncaused by: ").append(String.join(" <- ", fp.causeTypes()));
    }
    return text.toString();
  }

  private static void message(JsonGenerator g, String role, String content) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", role);
    g.writeStringField("content", content);
    g.writeEndObject();
  }
}
