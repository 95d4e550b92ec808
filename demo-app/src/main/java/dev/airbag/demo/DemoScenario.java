package dev.airbag.demo;

import dev.airbag.faultserver.FaultPlan;

/**
 * One afternoon the local LLM server plays for the three ways.
 *
 * @param name        short id, used in file names and on the command line
 * @param title       the heading of its table
 * @param description what the server does, for people
 * @param shows       what the scenario shows about the three ways, one sentence under its heading in the report
 * @param plan        what the server answers
 */
record DemoScenario(String name, String title, String description, String shows, FaultPlan plan) {}
