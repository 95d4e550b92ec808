package dev.airbag.agent.config;

/**
 * How one kind of config value is read and printed, and how its allowed values are described to a person:
 * a short form for the README table and a sentence for problem lines. Immutable and thread-safe.
 *
 * @param <T> the parsed value's type
 */
final class ValueType<T> {
  /**
   * Reads and prints one kind of value. One small class per kind rather than two lambdas: the key table is built at
   * every JVM start, where linking a lambda costs several times loading a class.
   */
  abstract static class Codec<T> {
    /** Reads trimmed text; null, or any {@link IllegalArgumentException}, when the text is not allowed. */
    abstract T parse(String text);

    /** Prints a non-null value so that {@link #parse} reads it back. */
    abstract String format(T value);
  }

  private final String allowed;
  private final String expectation;
  private final Codec<T> codec;
  private final boolean offAllowed;

  ValueType(String allowed, String expectation, Codec<T> codec) {
    this(allowed, expectation, codec, false);
  }

  private ValueType(String allowed, String expectation, Codec<T> codec, boolean offAllowed) {
    this.allowed = allowed;
    this.expectation = expectation;
    this.codec = codec;
    this.offAllowed = offAllowed;
  }

  /** The same type that also accepts {@code off} or {@code none}, read as null. */
  ValueType<T> orOff() {
    return new ValueType<>(allowed + ", or off", expectation + " (or off)", codec, true);
  }

  /** The allowed values in short, for the README table ({@code 1..20}). */
  String allowed() {
    return allowed;
  }

  /** The allowed values as a phrase for problem lines ({@code expected a whole number from 1 to 20}). */
  String expectation() {
    return expectation;
  }

  /** Parses the text (null means off); throws {@link IllegalArgumentException} when it is not allowed. */
  T parse(String text) {
    if (offAllowed && ValueSyntax.isOff(text)) {
      return null;
    }
    T value = codec.parse(text.trim());
    if (value == null) {
      // A parser that returns null means "no such value"; callers expect an exception for that.
      throw new IllegalArgumentException("not allowed: " + text);
    }
    return value;
  }

  /** Prints a value so that {@link #parse} reads it back; null prints as {@code off}. */
  String format(T value) {
    return value == null ? "off" : codec.format(value);
  }

  /** Formats a value of unknown static type; only called with values this type produced. */
  @SuppressWarnings("unchecked")
  String formatUnchecked(Object value) {
    return format((T) value);
  }
}
