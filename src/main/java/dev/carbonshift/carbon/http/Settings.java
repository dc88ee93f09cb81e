package dev.carbonshift.carbon.http;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.config.Durations;
import dev.carbonshift.config.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads settings from the environment map (environment variables, or config values with the
 * environment over them), failing with a message naming the setting and the fix.
 */
public final class Settings {
  private final Map<String, String> env;

  public Settings(Map<String, String> env) {
    this.env = env;
  }

  public String text(String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The endpoint of a source, or null when it has no URL set and no default. */
  public Endpoint endpoint(String source, String defaultUrl, Duration defaultResponseTimeout) {
    String prefix = "CARBONSHIFT_" + source.toUpperCase(Locale.ROOT) + "_";
    String url = text(prefix + "URL");
    if (url == null) {
      url = defaultUrl;
    }
    // read every setting of the source, asked or not: a typo must not wait for the day it is used
    Duration connectTimeout =
        duration(prefix + "CONNECT_TIMEOUT", Endpoint.DEFAULT_CONNECT_TIMEOUT);
    Duration responseTimeout = duration(prefix + "TIMEOUT", defaultResponseTimeout);
    Duration deadline = duration(prefix + "DEADLINE", Endpoint.DEFAULT_DEADLINE);
    int attempts = attempts(prefix + "ATTEMPTS");
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(prefix + "URL", "'" + url + "' is not a URL; write e.g. https://host/path");
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw invalid(prefix + "URL", "'" + url + "' must start with http:// or https://");
    }
    return new Endpoint(
        source,
        uri,
        connectTimeout,
        responseTimeout,
        attempts,
        Endpoint.DEFAULT_BACKOFF_BASE,
        Endpoint.DEFAULT_MAX_RETRY_AFTER,
        deadline,
        Endpoint.DEFAULT_MAX_BODY_BYTES);
  }

  private int attempts(String key) {
    String a = text(key);
    if (a == null) {
      return Endpoint.DEFAULT_MAX_ATTEMPTS;
    }
    int attempts;
    try {
      attempts = Integer.parseInt(a);
    } catch (NumberFormatException e) {
      attempts = 0;
    }
    if (attempts < 1 || attempts > 10) {
      throw invalid(key, "must be a whole number from 1 to 10, got '" + a + "'");
    }
    return attempts;
  }

  public Duration duration(String key, Duration fallback) {
    String v = text(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw invalid(key, e.getMessage());
    }
  }

  public EmissionFactor factor(String key, EmissionFactor fallback) {
    String v = text(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "direct" -> EmissionFactor.DIRECT;
      case "lifecycle", "lca" -> EmissionFactor.LIFECYCLE;
      default -> throw invalid(key, "must be 'lifecycle' or 'direct', got '" + v + "'");
    };
  }

  public Signal signal(String key, Signal fallback) {
    String v = text(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "average" -> Signal.AVERAGE;
      case "marginal" -> Signal.MARGINAL;
      default -> throw invalid(key, "must be 'average' or 'marginal', got '" + v + "'");
    };
  }

  /** {@code a=b,c=d} pairs. */
  public Map<String, String> pairs(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    String v = text(key);
    if (v == null) {
      return out;
    }
    for (String pair : v.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw invalid(key, "write region=location pairs separated by commas, e.g. gb=uksouth");
      }
      out.put(kv[0].trim(), kv[1].trim());
    }
    return out;
  }

  /** A bad setting is the user's to fix: bad input (exit 2) naming the variable. */
  public static InvalidInputException invalid(String key, String message) {
    return new InvalidInputException(null, 0, key, message);
  }
}
