package dev.airbag.demo;

/** The three ways the demo runs the same workload, each in a child JVM of its own. */
enum Way {
  PLAIN("without Airbag", "plain", false, "#d64545"),
  AIRBAG("with Airbag", "plain", true, "#1a9e77"),
  RESILIENCE4J("resilience4j by hand", "resilience4j", false, "#6a5acd");

  private final String title;
  private final String appMode;
  private final boolean agent;
  private final String colour;

  Way(String title, String appMode, boolean agent, String colour) {
    this.title = title;
    this.appMode = appMode;
    this.agent = agent;
    this.colour = colour;
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

  String fileName() {
    return name().toLowerCase();
  }
}
