package dev.airbag.agent.engine.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The few fields of a provider error body the dialects read, whatever the provider's shape. Filled once by
 * {@link ErrorJsonReader}, then only read (codes and search text are computed on first use). Not thread-safe;
 * confined to one classification.
 */
final class ErrorFields {
  // Messages beyond this are noise for keyword matching and are cut again by the redactor for the detail.
  private static final int MAX_MESSAGE = 4096;
  // Real codes are short identifiers; a longer "code" is junk that would otherwise ride on every event and fold key.
  static final int MAX_CODE = 128;

  String message;
  String detailsCode;   // Anthropic error.details.error_code
  String detailsReason; // Gemini google.rpc.ErrorInfo reason
  String innerCode;     // Azure error.innererror.code
  String code;          // error.code when it is a string
  String type;          // error.type
  String status;        // Gemini error.status
  String topCode;       // OpenAI-compatible servers that do not nest: {"code": "...", "type": "..."}
  String topType;
  String blockReason;   // Gemini promptFeedback.blockReason
  String finishReason;  // Gemini candidates[].finishReason, OpenAI choices[].finish_reason
  String retryDelay;    // Gemini google.rpc.RetryInfo retryDelay
  String amznType;      // AWS x-amzn-ErrorType header or __type: ThrottlingException
  final StringBuilder quotaText = new StringBuilder();
  private List<String> codes;
  private String searchText;

  void message(String text) {
    if (message == null && text != null && !text.isEmpty()) {
      message = text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text;
    }
  }

  boolean isEmpty() {
    return message == null && codes().isEmpty();
  }

  /** Every code the body carries, the most specific first; empty when none. */
  List<String> codes() {
    if (codes == null) {
      codes = collectCodes();
    }
    return codes;
  }

  private List<String> collectCodes() {
    List<String> codes = new ArrayList<>(4);
    String[] candidates = {amznType, detailsCode, detailsReason, innerCode, code, type, status, topCode, topType,
        blockReason, finishReason};
    for (String candidate : candidates) {
      if (candidate == null || candidate.isEmpty()) {
        continue;
      }
      String code = candidate.length() <= MAX_CODE ? candidate : candidate.substring(0, MAX_CODE);
      if (!codes.contains(code)) {
        codes.add(code);
      }
    }
    return codes.isEmpty() ? Collections.<String>emptyList() : codes;
  }

  /**
   * AWS names the error in {@code x-amzn-ErrorType} or the body's {@code __type}, sometimes qualified
   * ({@code ThrottlingException:http://internal.amazon.com/...}, {@code com.amazon.coral#ThrottlingException}).
   */
  void amznType(String text) {
    if (amznType != null || text == null || text.isEmpty()) {
      return;
    }
    String name = text;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    int hash = name.lastIndexOf('#');
    amznType = (hash >= 0 ? name.substring(hash + 1) : name).trim();
  }

  /** The first code, or null. */
  String mostSpecificCode() {
    List<String> codes = codes();
    return codes.isEmpty() ? null : codes.get(0);
  }

  /** Lower-case message plus quota facts ({@code quotaid=...perday; quotavalue=0;}) for keyword rules. */
  String searchText() {
    if (searchText == null) {
      String text = (message == null ? "" : message) + ' ' + quotaText;
      searchText = text.toLowerCase(Locale.ROOT);
    }
    return searchText;
  }
}
