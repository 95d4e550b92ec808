package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReviewCaseTest {
  @Test
  void aHugeMessageWaitsOnlyAsFarAsItsReadersLook() {
    String huge = "user alice@example.com failed with key sk-abcdefghijklmnopqrstuvwx: " + "detail ".repeat(200_000);
    IllegalStateException error = new IllegalStateException(huge);

    ReviewCase review = new ReviewCase(Fingerprint.of(error, AppFrames.platformOnly()), huge, 0);

    assertEquals(ReviewCase.MAX_RAW_MESSAGE_CHARS, review.rawMessage().length());
    assertEquals(MessageMasker.forEvent(huge, 200), MessageMasker.forEvent(review.rawMessage(), 200));
    assertEquals(MessageMasker.forModel(huge, 300), MessageMasker.forModel(review.rawMessage(), 300));
  }
}
