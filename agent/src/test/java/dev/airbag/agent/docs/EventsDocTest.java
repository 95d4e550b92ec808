package dev.airbag.agent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.telemetry.alerts.AlertFields;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import dev.airbag.agent.uncaught.CaptureSource;
import dev.airbag.agent.uncaught.LabelSource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md: its two tables are generated from {@link EventKinds#DESCRIBED} and {@link EventFields#DESCRIBED}
 * (between the two markers; the prose around them is written by hand), every field constant is described exactly
 * once, and the values a description lists are the enums' own. When a field changes,
 * {@code mvn -pl agent test -Dtest=EventsDocTest -Dairbag.docs.write=true} rewrites the tables.
 */
class EventsDocTest {
  static final String BEGIN = "<!-- generated from EventKinds and EventFields by EventsDocTest: edit the code, not"
      + " this part -->\n";
  static final String END = "<!-- end of the generated part -->\n";
  private static final Path DOC = Paths.get(System.getProperty("user.dir")).resolve("../docs/events.md");
  private static final Pattern JSON_KEY = Pattern.compile("\"([a-z_]+)\":");

  @Test
  void theTablesAreTheOnesGeneratedFromEventKindsAndEventFields() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN) + BEGIN.length();
    int end = doc.indexOf(END);
    assertTrue(begin >= BEGIN.length() && end >= begin, "docs/events.md has lost its markers");
    if (Boolean.getBoolean("airbag.docs.write")) {
      doc = doc.substring(0, begin) + generated() + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = begin + generated().length();
    }
    assertEquals(generated(), doc.substring(begin, end),
        "docs/events.md is out of date: run mvn -pl agent test -Dtest=EventsDocTest -Dairbag.docs.write=true");
  }

  @Test
  void everyFieldConstantIsDescribedExactlyOnce() throws IllegalAccessException {
    List<String> constants = stringConstants(EventFields.class);
    List<String> described = EventFields.DESCRIBED.stream().map(d -> d.name).collect(Collectors.toList());
    assertEquals(new TreeSet<>(constants), new TreeSet<>(described));
    assertEquals(described.size(), new TreeSet<>(described).size(), "a field is described twice: " + described);
  }

  @Test
  void everyKindIsDescribedAndEveryFieldNamesOnlyRealKinds() throws IllegalAccessException {
    assertEquals(new TreeSet<>(stringConstants(EventKinds.class)), new TreeSet<>(EventKinds.DESCRIBED.keySet()));
    for (EventFields.Description field : EventFields.DESCRIBED) {
      if (!field.kinds.equals("all")) {
        for (String kind : field.kinds.split(", ")) {
          assertTrue(EventKinds.DESCRIBED.containsKey(kind), field.name + " names an unknown kind: " + kind);
        }
      }
    }
  }

  @Test
  void theValuesAFieldListsAreTheCodesOwn() {
    Map<String, Stream<String>> values = new LinkedHashMap<>();
    values.put(EventFields.OUTCOME, Arrays.stream(Outcome.values()).filter(o -> o != Outcome.SUCCEEDED)
        .map(Outcome::wireName));
    values.put(EventFields.SEVERITY, Arrays.stream(Severity.values()).map(Severity::wireName));
    values.put(EventFields.ESCALATION, Arrays.stream(Escalation.values()).map(Escalation::wireName));
    values.put(EventFields.PROVIDER, Arrays.stream(Provider.values()).map(Provider::wireName));
    values.put(EventFields.CIRCUIT_STATE, Arrays.stream(CircuitState.values()).map(CircuitState::wireName));
    values.put(EventFields.SOURCE, Arrays.stream(CaptureSource.values()).map(CaptureSource::wireName));
    values.put(EventFields.LABELLED_BY, Arrays.stream(LabelSource.values()).map(LabelSource::wireName));
    values.put(EventFields.STATE, Stream.of(AlertFields.FIRING, AlertFields.RESOLVED));
    List<String> missing = new ArrayList<>();
    values.forEach((field, wireNames) -> {
      String meaning = describe(field).meaning;
      wireNames.filter(v -> !meaning.contains("`" + v + "`")).forEach(v -> missing.add(field + ": " + v));
    });
    assertEquals(List.of(), missing, "values the code writes but docs/events.md does not list");
  }

  @Test
  void theExampleEventUsesOnlyDescribedFields() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int json = doc.indexOf("```json\n");
    assertTrue(json >= 0, "docs/events.md has lost its example");
    Matcher keys = JSON_KEY.matcher(doc.substring(json, doc.indexOf("```\n", json + 8)));
    List<String> unknown = new ArrayList<>();
    while (keys.find()) {
      if (EventFields.DESCRIBED.stream().noneMatch(d -> d.name.equals(keys.group(1)))) {
        unknown.add(keys.group(1));
      }
    }
    assertEquals(List.of(), unknown, "the example names fields that do not exist");
  }

  /** The kinds table and the fields table, as docs/events.md shows them. */
  static String generated() {
    StringBuilder md = new StringBuilder();
    md.append("| kind | written when |\n|---|---|\n");
    EventKinds.DESCRIBED.forEach((kind, when) -> md.append("| `").append(kind).append("` | ").append(when)
        .append(" |\n"));
    md.append("\n| field | type | kinds | present | meaning |\n|---|---|---|---|---|\n");
    for (EventFields.Description field : EventFields.DESCRIBED) {
      md.append("| `").append(field.name).append("` | ").append(field.type).append(" | ").append(field.kinds)
          .append(" | ").append(field.present).append(" | ").append(field.meaning.replace("|", "\\|"))
          .append(" |\n");
    }
    return md.toString();
  }

  private static EventFields.Description describe(String name) {
    return EventFields.DESCRIBED.stream().filter(d -> d.name.equals(name)).findFirst().orElseThrow();
  }

  private static List<String> stringConstants(Class<?> type) throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        names.add((String) field.get(null));
      }
    }
    return names;
  }
}
