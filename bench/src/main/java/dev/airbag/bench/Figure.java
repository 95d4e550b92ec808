package dev.airbag.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the results: a figure measured with and without something (the agent, or resilience4j by hand), or
 * on its own. {@code baseline} and {@code ratio} are null for a figure on its own; {@code met} is null where the
 * issue sets no target. Immutable.
 *
 * @param compares what the two columns are, e.g. {@code "agent vs none"}
 * @param added measured minus baseline, in {@code addedUnit}
 */
record Figure(String section, String name, String unit, String compares, Double baseline, Double measured,
    Double ratio, Double added, String addedUnit, String target, Boolean met, int samples, String note) {

  static Figure compared(String section, String name, String unit, String compares, double baseline, double measured,
      double addedScale, String addedUnit, int samples) {
    return new Figure(section, name, unit, compares, baseline, measured, measured / baseline,
        (measured - baseline) * addedScale, addedUnit, null, null, samples, null);
  }

  static Figure alone(String section, String name, String unit, double value, int samples) {
    return new Figure(section, name, unit, null, null, value, null, null, null, null, null, samples, null);
  }

  /** The same figure judged against a target, described in words (e.g. "ratio <= 1.03"). */
  Figure target(String text, boolean achieved) {
    return new Figure(section, name, unit, compares, baseline, measured, ratio, added, addedUnit, text, achieved,
        samples, note);
  }

  Figure note(String text) {
    return new Figure(section, name, unit, compares, baseline, measured, ratio, added, addedUnit, target, met,
        samples, text);
  }

  /** One entry of the results file's {@code figures} list. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("section", section);
    m.put("name", name);
    m.put("unit", unit);
    m.put("compares", compares);
    m.put("without", baseline);
    m.put("with", measured);
    m.put("ratio", ratio);
    m.put("added", added);
    m.put("added_unit", addedUnit);
    m.put("target", target);
    m.put("met", met);
    m.put("samples", samples);
    m.put("note", note);
    return m;
  }
}
