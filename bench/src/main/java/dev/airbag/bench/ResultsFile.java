package dev.airbag.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code benchmark-results.json}: maps, lists, strings, numbers and booleans written by Jackson, two
 * spaces per level, one value per line, {@code "key": value}. Stateless and thread-safe.
 */
final class ResultsFile {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");
  private static final Separators SEPARATORS = Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator("");

  private ResultsFile() {
  }

  static String render(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      // A new printer per file: Jackson's pretty printer keeps the nesting level as it writes.
      json.setPrettyPrinter(new DefaultPrettyPrinter(SEPARATORS).withObjectIndenter(TWO_SPACES)
          .withArrayIndenter(TWO_SPACES));
      write(value, json);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.append('\n').toString();
  }

  private static void write(Object value, JsonGenerator json) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        write(e.getValue(), json);
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        write(item, json);
      }
      json.writeEndArray();
    } else if (value instanceof Double d) {
      // JSON has no NaN or infinity: a figure that could not be computed is null.
      if (d.isNaN() || d.isInfinite()) {
        json.writeNull();
      } else {
        json.writeNumber(Math.round(d * 1000) / 1000.0);
      }
    } else if (value instanceof Number n) {
      json.writeNumber(n.toString());
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else {
      json.writeString(value.toString());
    }
  }
}
