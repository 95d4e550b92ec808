package dev.airbag.agent.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * The fleet's state in Redis, through one Jedis connection that only the sync thread uses (so no pool is needed).
 * Each {@link #sync} is one pipelined round trip of {@link RedisScripts} calls. Any failure (refused, timed out, an
 * answer of the wrong shape) drops the connection and is thrown as a {@link FleetStoreException}; the next sync
 * connects again, which is how a restarted Redis is picked up. Not thread-safe.
 */
final class RedisFleetStore implements FleetStore {
  private final FleetSettings settings;
  private Jedis jedis;
  private String reportSha;
  private String writeSha;
  private String budgetSha;
  private List<BudgetView> budgetViews = List.of();
  private Map<String, Long> openCircuits = Map.of();
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{24}");

  RedisFleetStore(FleetSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<CircuitView> sync(String instance, List<FleetWrite> writes, List<CircuitReport> reports,
      List<BudgetReport> budgets, long nowMillis) {
    try {
      Pipeline pipeline = connection().pipelined();
      for (FleetWrite write : writes) {
        pipeline.evalsha(writeSha, List.of(), List.of(base(write.circuit()), write.kind().name(),
            Long.toString(nowMillis), instance, Long.toString(write.millis()), write.reason(), write.credential(),
            openIndex(), write.circuit()));
      }
      List<Response<Object>> answers = new ArrayList<>(reports.size());
      for (CircuitReport report : reports) {
        List<String> args = new ArrayList<>(List.of(base(report.circuit()), Long.toString(nowMillis),
            Integer.toString(report.attempts()), Integer.toString(report.unhealthy()),
            Integer.toString(report.trailingUnhealthy()), report.succeeded() ? "1" : "0",
            Long.toString(report.runStartMillis()), Integer.toString(report.credentials().size())));
        args.addAll(report.credentials());
        answers.add(pipeline.evalsha(reportSha, List.of(), args));
      }
      List<Response<Object>> budgetAnswers = new ArrayList<>(budgets.size());
      for (BudgetReport budget : budgets) {
        budgetAnswers.add(pipeline.evalsha(budgetSha, List.of(), List.of(settings.keyPrefix() + "e:"
            + budget.endpoint(), Long.toString(nowMillis), Long.toString(budget.requests()),
            Long.toString(budget.retries()), Integer.toString(budget.windowSeconds()))));
      }
      Response<List<Tuple>> open = pipeline.zrangeByScoreWithScores(openIndex(), "(" + nowMillis, "+inf", 0,
          MAX_OPEN);
      pipeline.sync();
      List<CircuitView> views = new ArrayList<>(reports.size());
      for (int i = 0; i < reports.size(); i++) {
        views.add(view(reports.get(i), answers.get(i).get()));
      }
      List<BudgetView> budgetTotals = new ArrayList<>(budgets.size());
      for (Response<Object> answer : budgetAnswers) {
        List<?> totals = list(answer.get(), 2);
        budgetTotals.add(new BudgetView(number(text(totals.get(0))), number(text(totals.get(1)))));
      }
      openCircuits = openCircuits(open.get());
      budgetViews = List.copyOf(budgetTotals);
      return views;
    } catch (FleetStoreException e) {
      close();
      throw e;
    } catch (RuntimeException e) {
      // Refused, timed out, NOSCRIPT after a flush, a reply of the wrong type: all mean the fleet is not there.
      close();
      throw new FleetStoreException(describe(e), e);
    }
  }

  @Override
  public Map<String, Long> openCircuits() {
    return openCircuits;
  }

  @Override
  public List<BudgetView> budgetViews() {
    return budgetViews;
  }

  @Override
  public void close() {
    Jedis open = jedis;
    jedis = null;
    if (open != null) {
      try {
        open.close();
      } catch (RuntimeException ignored) {
        // A broken connection is being dropped anyway.
      }
    }
  }

  private Jedis connection() {
    if (jedis != null) {
      return jedis;
    }
    int port = settings.url().getPort() == -1 ? 6379 : settings.url().getPort();
    Jedis fresh = new Jedis(new HostAndPort(settings.url().getHost(), port), DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
        .socketTimeoutMillis((int) settings.commandTimeout().toMillis())
        .user(settings.user())
        .password(settings.password())
        .database(settings.database())
        .ssl(settings.tls())
        .clientName("airbag")
        .build());
    try {
      reportSha = fresh.scriptLoad(RedisScripts.REPORT);
      writeSha = fresh.scriptLoad(RedisScripts.WRITE);
      budgetSha = fresh.scriptLoad(RedisScripts.BUDGET);
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
    jedis = fresh;
    return fresh;
  }

  private String base(String circuit) {
    return settings.keyPrefix() + "c:" + circuit;
  }

  private String openIndex() {
    return settings.keyPrefix() + "open";
  }

  private static Map<String, Long> openCircuits(List<Tuple> members) {
    if (members == null) {
      throw new FleetStoreException("unexpected answer from Redis for the open circuits: null");
    }
    Map<String, Long> open = new HashMap<>();
    for (Tuple member : members) {
      String digest = member.getElement();
      // Anything but a digest Airbag wrote is someone else's data: the fleet is not there.
      if (digest == null || !DIGEST.matcher(digest).matches()) {
        throw new FleetStoreException("unexpected member in the open circuits: " + digest);
      }
      open.put(digest, (long) member.getScore());
    }
    return Map.copyOf(open);
  }

  private static CircuitView view(CircuitReport report, Object answer) {
    List<?> parts = list(answer, 7);
    List<?> cools = list(parts.get(6), report.credentials().size());
    Map<String, Long> cooldowns = new HashMap<>();
    for (int i = 0; i < cools.size(); i++) {
      String until = text(cools.get(i));
      if (!until.isEmpty()) {
        cooldowns.put(report.credentials().get(i), number(until));
      }
    }
    return new CircuitView(report.circuit(), number(text(parts.get(0))), number(text(parts.get(1))),
        number(text(parts.get(2))), number(text(parts.get(3))), FleetState.parse(text(parts.get(4))),
        text(parts.get(5)), cooldowns);
  }

  private static List<?> list(Object answer, int size) {
    if (!(answer instanceof List) || ((List<?>) answer).size() != size) {
      throw new FleetStoreException("unexpected answer from Redis: " + answer);
    }
    return (List<?>) answer;
  }

  private static String text(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof byte[]) {
      return new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8);
    }
    throw new FleetStoreException("unexpected value from Redis: " + value);
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new FleetStoreException("unexpected number from Redis: " + text);
    }
  }

  /** One line: the cause's class and message, never a stack trace and never the password (Jedis prints none). */
  private static String describe(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
