package dev.airbag.demo;

import java.util.ArrayList;
import java.util.List;

/** One loan application package waiting for a summary. */
record LoanPackage(int number, String applicant, boolean useOpenAi, boolean streamed, String model) {
  static List<LoanPackage> queue() {
    String[] applicants = {"Ada Okafor", "Bram de Vries", "Chen Wei", "Dana Levi", "Emeka Nwosu", "Farah Haddad",
        "Greta Lind", "Hiro Tanaka", "Ines Duarte", "Jonas Berg", "Kemi Adeyemi", "Luca Rossi", "Maya Cohen",
        "Nils Sand", "Olu Bello", "Priya Nair"};
    List<LoanPackage> queue = new ArrayList<>();
    for (int i = 0; i < applicants.length; i++) {
      boolean openAi = i % 4 == 3;
      boolean streamed = !openAi && i % 3 == 1;
      // One package is routed to a model the provider has retired.
      String model = i == 10 ? "claude-2.1" : null;
      queue.add(new LoanPackage(i + 1, applicants[i], openAi, streamed, model));
    }
    return queue;
  }

  String label() {
    return String.format("#%02d %s%s", number, applicant, streamed ? " (stream)" : "");
  }

  String prompt() {
    return "Summarise loan application package #" + number + " for " + applicant
        + ": income statements, credit report and property appraisal attached. Flag any risk.";
  }
}
