package dev.airbag.agent.engine.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {
  private static final String AZURE_LIKE = "Q7w2e9r4t1y6u3i8o5p0a2s7d4f1g9h6j3k8l5z";

  @Test
  void aKnownValueIsMaskedWhateverItsShape() {
    KnownSecrets known = KnownSecrets.of(List.of(AZURE_LIKE.toLowerCase()));

    assertEquals("Access denied: key **** is not valid for this resource.",
        known.mask("Access denied: key " + AZURE_LIKE.toLowerCase() + " is not valid for this resource."));
  }

  @Test
  void theStartOfAValueCutByABoundIsMasked() {
    KnownSecrets known = KnownSecrets.of(List.of("plainlowercasesecretvalue"));

    assertEquals("your key is ****…", known.mask("your key is plainlower…"));
  }

  @Test
  void aLongerValueIsMaskedWholeBeforeAShorterOneInsideIt() {
    KnownSecrets known = KnownSecrets.of(List.of("abcdefgh", "Bearer abcdefgh"));

    assertEquals("got ****, then ****", known.mask("got Bearer abcdefgh, then abcdefgh"));
  }

  @Test
  void shortValuesAreNoCredentialsAndOrdinaryTextIsUntouched() {
    KnownSecrets known = KnownSecrets.of(List.of("gpt", "1234567"));

    assertTrue(known.isEmpty());
    assertEquals("gpt 1234567", known.mask("gpt 1234567"));
    assertNull(known.mask((String) null));
  }
}
