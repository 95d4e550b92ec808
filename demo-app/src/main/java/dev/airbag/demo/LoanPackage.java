package dev.airbag.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One loan application package waiting for a summary: which provider the app routes it to, whether the
 * underwriter watches it stream in, and whether it carries a scanned note that a provider's content filter rejects.
 */
record LoanPackage(int number, String applicant, boolean useOpenAi, boolean streamed, boolean scannedNote) {
  static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  static final String OPENAI_MODEL = "gpt-4o";
  /** The words of a prompt that the demo's content-policy scenario rejects. */
  static final String SCANNED_NOTE = "a scanned handwritten note";

  private static final String[] APPLICANTS = {"Ada Okafor", "Bram de Vries", "Chen Wei", "Dana Levi", "Emeka Nwosu",
      "Farah Haddad", "Greta Lind", "Hiro Tanaka", "Ines Duarte", "Jonas Berg", "Kemi Adeyemi", "Luca Rossi",
      "Maya Cohen", "Nils Sand", "Olu Bello", "Priya Nair"};

  /** The first {@code size} packages of the queue; the same queue every run. */
  static List<LoanPackage> queue(int size) {
    List<LoanPackage> queue = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      boolean openAi = i % 4 == 3;
      boolean streamed = !openAi && i % 3 == 1;
      queue.add(new LoanPackage(i + 1, APPLICANTS[i % APPLICANTS.length], openAi, streamed, i % 8 == 5));
    }
    return queue;
  }

  String model() {
    return useOpenAi ? OPENAI_MODEL : ANTHROPIC_MODEL;
  }

  String label() {
    return String.format("#%02d %s%s", number, applicant, streamed ? " (stream)" : "");
  }

  String prompt() {
    return "Summarise loan application package #" + number + " for " + applicant
        + ": income statements, credit report and property appraisal attached"
        + (scannedNote ? ", with " + SCANNED_NOTE : "") + ". Flag any risk.";
  }
}
