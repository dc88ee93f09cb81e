package dev.carbonshift.carbon.http;

import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.Secret;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One kind of networked carbon source: its name, the settings it reads, and how it is built from
 * them. Each source ships its own factory; the chain registers them in one list, so a new source is
 * its own package plus one line there.
 */
public interface SourceFactory {

  /** The source's name, as region files' {@code sources:} and the logs say it. */
  String name();

  /**
   * Reads the source's settings. Every setting is read and checked even when the source ends up not
   * configured, so a typo does not wait for the day it is used.
   *
   * @throws dev.carbonshift.config.InvalidInputException naming a setting that is wrong
   */
  Configured read(Settings settings);

  /** A factory named {@code name} that reads its settings with {@code read}. */
  static SourceFactory of(String name, Function<Settings, Configured> read) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(read, "read");
    return new SourceFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Configured read(Settings settings) {
        return read.apply(settings);
      }
    };
  }

  /** Builds the source on an HTTP fetcher made for its endpoint and secrets. */
  @FunctionalInterface
  interface Builder {
    CarbonSource build(HttpFetcher http, Clock clock);
  }

  /**
   * A source's settings as read: either ready to build (endpoint, the secrets it sends, how to
   * build it) or not configured, with what to set. Its string form shows no secret.
   */
  final class Configured {
    private final String name;
    private final Endpoint endpoint;
    private final List<Secret> secrets;
    private final String missing;
    private final Builder builder;

    private Configured(
        String name, Endpoint endpoint, List<Secret> secrets, String missing, Builder builder) {
      this.name = Objects.requireNonNull(name, "name");
      this.endpoint = endpoint;
      this.secrets = List.copyOf(secrets);
      this.missing = missing;
      this.builder = builder;
    }

    /** A source that can be asked. */
    public static Configured ready(
        String name, Endpoint endpoint, List<Secret> secrets, Builder builder) {
      return new Configured(
          name, Objects.requireNonNull(endpoint, "endpoint"), secrets, null, builder);
    }

    /** A source that cannot be asked, with what to set, e.g. "set WATTTIME_USERNAME". */
    public static Configured missing(String name, String whatToSet) {
      return new Configured(name, null, List.of(), "not configured (" + whatToSet + ")", null);
    }

    public String name() {
      return name;
    }

    /** Why the source cannot be asked, or empty when it can. */
    public Optional<String> notConfigured() {
      return Optional.ofNullable(missing);
    }

    /** Where it is reached; null when not configured. */
    public Endpoint endpoint() {
      return endpoint;
    }

    /** The credentials it sends, to be redacted from every reason and log line. */
    public List<Secret> secrets() {
      return secrets;
    }

    /** The source on a fetcher for its endpoint and secrets. */
    public CarbonSource build(HttpFetcher http, Clock clock) {
      if (builder == null) {
        throw new IllegalStateException(name + " is " + missing);
      }
      return builder.build(http, clock);
    }

    /** In words, for the log at start; names no secret. */
    @Override
    public String toString() {
      return name
          + ": "
          + (missing != null
              ? missing
              : endpoint.baseUrl()
                  + " (timeouts "
                  + endpoint.connectTimeout().toMillis()
                  + "/"
                  + endpoint.responseTimeout().toMillis()
                  + " ms, "
                  + endpoint.maxAttempts()
                  + " attempts)");
    }
  }
}
