package dev.airbag.agent.fleet;

/**
 * The three Lua scripts that are the whole of Airbag's Redis protocol; each runs atomically in Redis, so instances need
 * no transactions or locks. Keys of one circuit (B is the prefix and the circuit's digest):
 * <ul>
 *   <li>{@code B:state}: the last decision ({@link FleetState}), kept 10 minutes past its pause;
 *   <li>{@code B:seq}: the decision counter;
 *   <li>{@code B:run}: hash {@code n} (unhealthy attempts in a row, fleet-wide) and {@code t0} (when the run began),
 *       60 s after its last change;
 *   <li>{@code B:b:<second>}: hash {@code a} (attempts) and {@code u} (unhealthy ones) of one second, 5 s;
 *   <li>{@code B:probe}: the instance holding the probe lease, for the lease's time;
 *   <li>{@code B:cool:<credential digest>}: a rate-limit cooldown's end, until then.
 * </ul>
 * Keys of one endpoint's retry budget (E is the prefix and the endpoint's digest): {@code E:rb:<second>}, hash
 * {@code q} (upstream requests) and {@code r} (retries granted) of one second, kept for the window and 2 s more.
 * And one key for the fleet: {@code <prefix>open}, a sorted set of the digests of the circuits open now, scored by the
 * end of their pause, from which an instance learns a circuit it has not called yet.
 */
final class RedisScripts {
  /**
   * ARGV: base, now, attempts, unhealthy, trailing unhealthy, succeeded (0/1), run start, credential count,
   * credentials... Returns {run n, run t0, window attempts, window unhealthy, state, probe holder, {cooldowns}}.
   */
  static final String REPORT = String.join("\n",
      "local base = ARGV[1]",
      "local now = tonumber(ARGV[2])",
      "local a, u, trailing = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])",
      "local sec = math.floor(now / 1000)",
      "if a > 0 then",
      "  local b = base .. ':b:' .. sec",
      "  redis.call('HINCRBY', b, 'a', a)",
      "  redis.call('HINCRBY', b, 'u', u)",
      "  redis.call('PEXPIRE', b, 5000)",
      "end",
      "local run = base .. ':run'",
      "if ARGV[6] == '1' then",
      "  if trailing > 0 then",
      "    redis.call('HSET', run, 'n', trailing, 't0', ARGV[7])",
      "    redis.call('PEXPIRE', run, 60000)",
      "  else",
      "    redis.call('DEL', run)",
      "  end",
      "elseif trailing > 0 then",
      "  redis.call('HINCRBY', run, 'n', trailing)",
      "  redis.call('HSETNX', run, 't0', ARGV[7])",
      "  redis.call('PEXPIRE', run, 60000)",
      "end",
      "local n = redis.call('HGET', run, 'n') or '0'",
      "local t0 = redis.call('HGET', run, 't0') or '0'",
      "local wa, wu = 0, 0",
      "for s = sec - 1, sec do",
      "  local v = redis.call('HMGET', base .. ':b:' .. s, 'a', 'u')",
      "  wa = wa + tonumber(v[1] or '0')",
      "  wu = wu + tonumber(v[2] or '0')",
      "end",
      "local cools = {}",
      "for i = 1, tonumber(ARGV[8]) do",
      "  cools[i] = redis.call('GET', base .. ':cool:' .. ARGV[8 + i]) or ''",
      "end",
      "return {n, t0, tostring(wa), tostring(wu), redis.call('GET', base .. ':state') or '',",
      "  redis.call('GET', base .. ':probe') or '', cools}");

  /**
   * ARGV: base, kind, now, owner, millis, reason, credential, open index, circuit digest. Returns 1 when it changed
   * something, else 0.
   */
  static final String WRITE = String.join("\n",
      "local base, kind, now, owner = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]",
      "local index, circuit = ARGV[8], ARGV[9]",
      "local millis = tonumber(ARGV[5])",
      "local probe = base .. ':probe'",
      "local function mine() return redis.call('GET', probe) == owner end",
      "local function clear()",
      "  local sec = math.floor(now / 1000)",
      "  redis.call('DEL', base .. ':run', base .. ':b:' .. sec, base .. ':b:' .. (sec - 1))",
      "  if mine() then redis.call('DEL', probe) end",
      "end",
      "local function decide(state, untilMs, ttl)",
      "  local seq = redis.call('INCR', base .. ':seq')",
      "  redis.call('PEXPIRE', base .. ':seq', 86400000)",
      "  redis.call('SET', base .. ':state', state .. '|' .. untilMs .. '|' .. owner .. '|' .. seq .. '|' .. now"
          + " .. '|' .. ARGV[6], 'PX', ttl)",
      "  clear()",
      "end",
      "if kind == 'OPEN' then",
      "  local current = redis.call('GET', base .. ':state')",
      "  if current then",
      "    local s, u = string.match(current, '^(%a+)|(%d+)|')",
      "    if s == 'open' and tonumber(u) >= millis then clear() return 0 end",
      "  end",
      "  decide('open', millis, math.max(millis - now, 0) + 600000)",
      "  redis.call('ZREMRANGEBYSCORE', index, '-inf', now)",
      "  redis.call('ZADD', index, millis, circuit)",
      "  redis.call('PEXPIRE', index, 86400000)",
      "  return 1",
      "elseif kind == 'CLOSE' then",
      "  decide('closed', 0, 600000)",
      "  redis.call('ZREM', index, circuit)",
      "  return 1",
      "elseif kind == 'ACQUIRE_PROBE' then",
      "  if redis.call('SET', probe, owner, 'NX', 'PX', millis) then return 1 end",
      "  return 0",
      "elseif kind == 'RENEW_PROBE' then",
      "  if mine() then redis.call('PEXPIRE', probe, millis) return 1 end",
      "  return 0",
      "elseif kind == 'COOLDOWN' then",
      "  local key = base .. ':cool:' .. ARGV[7]",
      "  local current = tonumber(redis.call('GET', key) or '0')",
      "  if millis > current and millis > now then",
      "    redis.call('SET', key, millis, 'PX', millis - now)",
      "    return 1",
      "  end",
      "  return 0",
      "end",
      "return redis.error_reply('unknown write ' .. tostring(kind))");

  /**
   * ARGV: base, now, requests, retries, window seconds. Adds the counts to this second's bucket and returns the
   * window's totals {requests, retries}, this second included.
   */
  static final String BUDGET = String.join("\n",
      "local base, now = ARGV[1], tonumber(ARGV[2])",
      "local q, r, window = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])",
      "local sec = math.floor(now / 1000)",
      "if q > 0 or r > 0 then",
      "  local b = base .. ':rb:' .. sec",
      "  redis.call('HINCRBY', b, 'q', q)",
      "  redis.call('HINCRBY', b, 'r', r)",
      "  redis.call('PEXPIRE', b, (window + 2) * 1000)",
      "end",
      "local tq, tr = 0, 0",
      "for s = sec - window + 1, sec do",
      "  local v = redis.call('HMGET', base .. ':rb:' .. s, 'q', 'r')",
      "  tq = tq + tonumber(v[1] or '0')",
      "  tr = tr + tonumber(v[2] or '0')",
      "end",
      "return {tostring(tq), tostring(tr)}");

  private RedisScripts() {
  }
}
