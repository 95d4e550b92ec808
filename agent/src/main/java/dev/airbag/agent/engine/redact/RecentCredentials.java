package dev.airbag.agent.engine.redact;

import dev.airbag.agent.engine.time.Clock;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The credentials of recent failed LLM calls, so that an exception the app throws later (an SDK echoing its key,
 * not tied to any call Airbag sees) is masked too. Holds no secret in clear: each is kept as its length and a
 * 64-bit polynomial hash under a random per-process base, and found again by a rolling hash over the text. At most
 * {@value #CAPACITY} are kept, each forgotten {@code ttlNanos} after it was last seen. A hash collision can only
 * over-mask. Thread-safe (one short lock).
 */
public final class RecentCredentials implements TextMask {
  static final int CAPACITY = 64;

  private final Clock clock;
  private final long ttlNanos;
  private final ReentrantLock lock = new ReentrantLock();
  // Value: when last seen. In access order, so the first entries are the least recently seen.
  private final LinkedHashMap<Print, Long> prints = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * The hash's base, drawn when a credential is first remembered or a text first masked (a failure), not at start-up:
   * seeding a {@code SecureRandom} sets up the JDK's security providers, a tenth of the agent's start-up.
   */
  private static final class Base {
    // Odd, so that multiplying by it never loses the low bits of the hash.
    static final long VALUE = new SecureRandom().nextLong() | 1L;
  }

  public RecentCredentials(Clock clock, long ttlNanos) {
    this.clock = clock;
    this.ttlNanos = ttlNanos;
  }

  /** Remembers each value (at least {@value KnownSecrets#MIN_LENGTH} chars); the strings themselves are not kept. */
  public void remember(Iterable<String> values) {
    long now = clock.nanoTime();
    lock.lock();
    try {
      for (String value : values) {
        if (value != null && value.length() >= KnownSecrets.MIN_LENGTH) {
          prints.put(new Print(value.length(), hash(value, 0, value.length())), now);
        }
      }
      forgetExpired(now);
      for (Iterator<Print> oldest = prints.keySet().iterator(); prints.size() > CAPACITY; ) {
        oldest.next();
        oldest.remove();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Remembers the call's credentials (see {@link RequestCredentials}). */
  public void remember(KnownSecrets known) {
    remember(known.values());
  }

  @Override
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    Map<Integer, Set<Long>> known = snapshot();
    if (known.isEmpty()) {
      return text;
    }
    boolean[] masked = new boolean[text.length()];
    boolean any = false;
    for (Map.Entry<Integer, Set<Long>> byLength : known.entrySet()) {
      any |= markMatches(text, byLength.getKey(), byLength.getValue(), masked);
    }
    return any ? render(text, masked) : text;
  }

  int size() {
    lock.lock();
    try {
      forgetExpired(clock.nanoTime());
      return prints.size();
    } finally {
      lock.unlock();
    }
  }

  private Map<Integer, Set<Long>> snapshot() {
    lock.lock();
    try {
      forgetExpired(clock.nanoTime());
      Map<Integer, Set<Long>> byLength = new HashMap<>();
      for (Print print : prints.keySet()) {
        byLength.computeIfAbsent(print.length, n -> new HashSet<>()).add(print.hash);
      }
      return byLength;
    } finally {
      lock.unlock();
    }
  }

  private void forgetExpired(long now) {
    prints.values().removeIf(seen -> now - seen >= ttlNanos);
  }

  private boolean markMatches(String text, int length, Set<Long> hashes, boolean[] masked) {
    if (text.length() < length) {
      return false;
    }
    long top = 1;
    for (int i = 1; i < length; i++) {
      top *= Base.VALUE;
    }
    boolean any = false;
    long h = hash(text, 0, length);
    for (int start = 0; ; start++) {
      if (hashes.contains(h)) {
        Arrays.fill(masked, start, start + length, true);
        any = true;
      }
      if (start + length >= text.length()) {
        return any;
      }
      h = (h - text.charAt(start) * top) * Base.VALUE + text.charAt(start + length);
    }
  }

  private long hash(String text, int from, int to) {
    long h = 0;
    for (int i = from; i < to; i++) {
      h = h * Base.VALUE + text.charAt(i);
    }
    return h;
  }

  private static String render(String text, boolean[] masked) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!masked[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        out.append(Redactor.MASK);
      }
    }
    return out.toString();
  }

  /** A credential as its length and hash. */
  private static final class Print {
    final int length;
    final long hash;

    Print(int length, long hash) {
      this.length = length;
      this.hash = hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Print && ((Print) o).length == length && ((Print) o).hash == hash;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(hash) * 31 + length;
    }
  }
}
