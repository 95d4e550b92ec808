package dev.airbag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the results file: plain JSON of maps, lists, strings, numbers and booleans, indented. Stateless. */
final class ResultsJson {
  private ResultsJson() {
  }

  static Map<String, Object> figure(Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("section", f.section());
    m.put("name", f.name());
    m.put("unit", f.unit());
    m.put("compares", f.compares());
    m.put("without", f.baseline());
    m.put("with", f.measured());
    m.put("ratio", f.ratio());
    m.put("added", f.added());
    m.put("added_unit", f.addedUnit());
    m.put("target", f.target());
    m.put("met", f.met());
    m.put("samples", f.samples());
    m.put("note", f.note());
    return m;
  }

  static List<Object> figures(List<Figure> figures) {
    List<Object> list = new ArrayList<>();
    figures.forEach(f -> list.add(figure(f)));
    return list;
  }

  static String render(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append("{");
      String sep = "\n";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep).append(indent).append("  ");
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, indent + "  ");
        sep = ",\n";
      }
      out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
    } else if (value instanceof List<?> list) {
      out.append("[");
      String sep = "\n";
      for (Object item : list) {
        out.append(sep).append(indent).append("  ");
        write(item, out, indent + "  ");
        sep = ",\n";
      }
      out.append(list.isEmpty() ? "]" : "\n" + indent + "]");
    } else if (value instanceof Double d) {
      // JSON has no NaN or infinity: a figure that could not be computed is null.
      out.append(d.isNaN() || d.isInfinite() ? "null" : Double.toString(Math.round(d * 1000) / 1000.0));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(value.toString(), out);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
