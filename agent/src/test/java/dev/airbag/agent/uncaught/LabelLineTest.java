package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelLineTest {
  private static final String FP = "a1b2c3d4e5f60718";

  @Test
  void aFullLineGivesAHumanVerdictWithItsNote() {
    LabelLine line = LabelLine.parse(FP + "  severity=warning escalation=none category=transient "
        + "note=\"pool refills itself, see \\\"OPS-12\\\"\"", LabelSource.HUMAN);

    assertEquals(FP, line.fingerprint());
    assertEquals(new Verdict(Severity.WARNING, Escalation.NONE, Category.TRANSIENT, LabelSource.HUMAN,
        "pool refills itself, see \"OPS-12\""), line.verdict());
  }

  @Test
  void keysAndValuesIgnoreCaseAndCategoryNoneMeansNoCategory() {
    LabelLine line = LabelLine.parse(FP.toUpperCase() + " SEVERITY=Critical Escalation=human-review category=none",
        LabelSource.HUMAN);

    assertEquals(FP, line.fingerprint());
    assertEquals(Escalation.HUMAN_REVIEW, line.verdict().escalation());
    assertNull(line.verdict().category());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "# a comment", "  #a1b2c3d4e5f60718 severity=info escalation=none"})
  void blankLinesAndCommentsSayNothing(String text) {
    assertNull(LabelLine.parse(text, LabelSource.HUMAN));
  }

  @Test
  void formatWritesWhatParseReadsBack() {
    String text = LabelLine.format(FP, Severity.INFO, Escalation.TICKET, Category.TIMEOUT, "a \"quoted\" \\ note");

    Verdict verdict = LabelLine.parse(text, LabelSource.AI).verdict();

    assertEquals(new Verdict(Severity.INFO, Escalation.TICKET, Category.TIMEOUT, LabelSource.AI,
        "a \"quoted\" \\ note"), verdict);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a1b2 severity=info escalation=none                           | is not a fingerprint (16 hex characters)",
      "a1b2c3d4e5f60718 severity=loud escalation=none               | severity 'loud' is not one of: info, warning, critical",
      "a1b2c3d4e5f60718 severity=info escalation=someday            | escalation 'someday' is not one of: page, ticket",
      "a1b2c3d4e5f60718 severity=info                               | a label needs severity=",
      "a1b2c3d4e5f60718 severity=info escalation=none colour=red    | unknown key 'colour'",
      "a1b2c3d4e5f60718 severity=info escalation=none note=\"open   | no closing quote",
      "a1b2c3d4e5f60718 critical                                    | is not key=value",
      "a1b2c3d4e5f60718 severity=info escalation=none category=meh  | category 'meh' is not one of",
  })
  void aBadLineSaysWhatIsWrongAndWhatIsAllowed(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelLine.parse(text, LabelSource.HUMAN));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
