package dev.airbag.demo;

import java.util.List;

/**
 * The three ways the demo runs the same workload, each in a child JVM of its own. Each has its own colour, dash
 * pattern and point shape, so that two ways drawing the same line or point stay distinguishable.
 */
enum Way {
  PLAIN("without Airbag", "plain", false, "#d64545", List.of(), "circle"),
  AIRBAG("with Airbag", "plain", true, "#1a9e77", List.of(10, 5), "rectRot"),
  RESILIENCE4J("resilience4j by hand", "resilience4j", false, "#6a5acd", List.of(2, 4), "triangle");

  private final String title;
  private final String appMode;
  private final boolean agent;
  private final String colour;
  private final List<Integer> dash;
  private final String pointStyle;

  Way(String title, String appMode, boolean agent, String colour, List<Integer> dash, String pointStyle) {
    this.title = title;
    this.appMode = appMode;
    this.agent = agent;
    this.colour = colour;
    this.dash = dash;
    this.pointStyle = pointStyle;
  }

  String title() {
    return title;
  }

  /** The first argument of {@link LoanSummariser}: the unchanged app, or the resilience4j code change. */
  String appMode() {
    return appMode;
  }

  boolean agent() {
    return agent;
  }

  /** The chart colour of this way in the HTML report. */
  String colour() {
    return colour;
  }

  /** The line dash of this way in the charts (Chart.js borderDash; empty for solid). */
  List<Integer> dash() {
    return dash;
  }

  /** The point shape of this way in the latency chart (a Chart.js pointStyle). */
  String pointStyle() {
    return pointStyle;
  }

  String fileName() {
    return name().toLowerCase();
  }
}
