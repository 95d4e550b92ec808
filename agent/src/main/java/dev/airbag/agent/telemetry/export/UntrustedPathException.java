package dev.airbag.agent.telemetry.export;

import java.io.IOException;

/** A spool path Airbag refuses to use: someone else could have written what it holds. Its message is one line. */
final class UntrustedPathException extends IOException {
  private static final long serialVersionUID = 1L;

  UntrustedPathException(String message) {
    super(message);
  }
}
