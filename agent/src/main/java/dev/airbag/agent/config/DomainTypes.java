package dev.airbag.agent.config;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.endpoint.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Value types that speak the engine's vocabulary: categories, providers, endpoint URLs, model names. Stateless. */
final class DomainTypes {
  private DomainTypes() {}

  static ValueType<Category> category() {
    String all = categoryNames();
    return new ValueType<>(all, "expected a category: one of " + all, new ValueType.Codec<Category>() {
      @Override
      Category parse(String text) {
        return Category.fromWireName(text);
      }

      @Override
      String format(Category value) {
        return value.wireName();
      }
    });
  }

  /** A comma list of categories; empty or {@code none} selects no category. */
  static ValueType<Set<Category>> categories() {
    return categories(EnumSet.allOf(Category.class));
  }

  /** A comma list of categories from {@code allowed}; empty or {@code none} selects no category. */
  static ValueType<Set<Category>> categories(Set<Category> allowed) {
    List<String> names = new ArrayList<>();
    for (Category category : allowed) {
      names.add(category.wireName());
    }
    String all = String.join(", ", names);
    return new ValueType<>("comma list of " + all + "; or none",
        "expected a comma-separated list of categories from " + all + " (or none)",
        new ValueType.Codec<Set<Category>>() {
          @Override
          Set<Category> parse(String text) {
            Set<Category> chosen = EnumSet.noneOf(Category.class);
            for (String item : ValueSyntax.parseList(ValueSyntax.isOff(text) ? "" : text)) {
              Category category = Category.fromWireName(item);
              if (category == null || !allowed.contains(category)) {
                return null;
              }
              chosen.add(category);
            }
            return Collections.unmodifiableSet(chosen);
          }

          @Override
          String format(Set<Category> value) {
            return formatCategories(value);
          }
        });
  }

  static ValueType<Provider> provider() {
    List<String> names = new ArrayList<>();
    for (Provider provider : Provider.values()) {
      names.add(provider.wireName());
    }
    String all = String.join(", ", names);
    return new ValueType<>(all, "expected one of " + all, new ValueType.Codec<Provider>() {
      @Override
      Provider parse(String text) {
        return Provider.fromWireName(text);
      }

      @Override
      String format(Provider value) {
        return value.wireName();
      }
    });
  }

  /** A comma list of free words, repeats removed; empty or {@code none} is the empty list. */
  static ValueType<List<String>> textList() {
    return new ValueType<>("comma list", "expected a comma-separated list", new ValueType.Codec<List<String>>() {
      @Override
      List<String> parse(String text) {
        return Collections.unmodifiableList(ValueSyntax.parseDistinctList(ValueSyntax.isOff(text) ? "" : text));
      }

      @Override
      String format(List<String> value) {
        return value.isEmpty() ? "none" : String.join(",", value);
      }
    });
  }

  /** An exception classification rule, as {@link dev.airbag.agent.uncaught.ExceptionRule#parse} reads it. */
  static ValueType<dev.airbag.agent.uncaught.ExceptionRule> exceptionRule() {
    return new ValueType<>("type=CLASS,severity=info|warning|critical,escalation=page|ticket|human_review|none[,category=...]",
        "expected type=CLASS,severity=...,escalation=...[,category=...]",
        new ValueType.Codec<dev.airbag.agent.uncaught.ExceptionRule>() {
          @Override
          dev.airbag.agent.uncaught.ExceptionRule parse(String text) {
            try {
              return dev.airbag.agent.uncaught.ExceptionRule.parse(text);
            } catch (IllegalArgumentException bad) {
              return null;
            }
          }

          @Override
          String format(dev.airbag.agent.uncaught.ExceptionRule value) {
            return value.toString();
          }
        });
  }

  /** {@code Name=Value} pairs separated by commas, for collector headers; header names are kept as written. */
  static ValueType<java.util.Map<String, String>> headers() {
    return new ValueType<>("Name=Value pairs, comma-separated", "expected Name=Value pairs separated by commas",
        new ValueType.Codec<java.util.Map<String, String>>() {
          @Override
          java.util.Map<String, String> parse(String text) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String pair : ValueSyntax.parseList(text)) {
              int equals = pair.indexOf('=');
              if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                return null;
              }
              headers.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            return java.util.Collections.unmodifiableMap(headers);
          }

          @Override
          String format(java.util.Map<String, String> value) {
            return value.isEmpty() ? "none" : String.join(",", value.keySet()) + " (values hidden)";
          }
        });
  }

  /** An absolute http or https URL with a host, the only kind an LLM client can call. */
  static ValueType<URI> httpUrl() {
    return url("http(s) URL", "expected an http or https URL like http://localhost:8000/v1", List.of("http", "https"),
        false);
  }

  /** A redis:// or rediss:// (TLS) URL with a host and no password: the password comes from the environment. */
  static ValueType<URI> redisUrl() {
    // A password in the file would sit in config management and process listings; only a user name may.
    return url("redis(s) URL", "expected redis://host:6379 or rediss://host:6380 (TLS), a user name at most"
        + " (user@host): the password comes from the variable named by airbag.fleet.redis.password-env",
        List.of("redis", "rediss"), true);
  }

  /** An absolute URL with a host and one of {@code schemes}; with {@code noPassword}, no password in it. */
  private static ValueType<URI> url(String name, String expected, List<String> schemes, boolean noPassword) {
    return new ValueType<>(name, expected, new ValueType.Codec<URI>() {
      @Override
      URI parse(String text) {
        URI uri = parseUri(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean password = uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":");
        return schemes.contains(scheme) && uri.getHost() != null && !(noPassword && password) ? uri : null;
      }

      @Override
      String format(URI value) {
        return value.toString();
      }
    });
  }

  /** One model name; a comma means the user wrote a chain where one model belongs. */
  static ValueType<String> model() {
    return new ValueType<>("one model name", "expected one model name", new ValueType.Codec<String>() {
      @Override
      String parse(String text) {
        return text.isEmpty() || text.contains(",") ? null : text;
      }

      @Override
      String format(String value) {
        return value;
      }
    });
  }

  /** A non-empty comma list of model names, repeats removed. */
  static ValueType<List<String>> models() {
    return new ValueType<>("comma list of model names", "expected a comma-separated list of model names",
        new ValueType.Codec<List<String>>() {
          @Override
          List<String> parse(String text) {
            List<String> models = ValueSyntax.parseDistinctList(text);
            return models.isEmpty() ? null : Collections.unmodifiableList(models);
          }

          @Override
          String format(List<String> value) {
            return String.join(",", value);
          }
        });
  }

  private static URI parseUri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String categoryNames() {
    return formatCategories(EnumSet.allOf(Category.class)).replace(",", ", ");
  }

  private static String formatCategories(Set<Category> categories) {
    if (categories.isEmpty()) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (Category category : categories) {
      names.add(category.wireName());
    }
    return String.join(",", names);
  }
}
