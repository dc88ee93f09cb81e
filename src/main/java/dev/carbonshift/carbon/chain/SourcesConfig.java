package dev.carbonshift.carbon.chain;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.RefreshPolicy;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.casdk.CarbonAwareSdkSource;
import dev.carbonshift.carbon.electricitymaps.ElectricityMapsSource;
import dev.carbonshift.carbon.http.Settings;
import dev.carbonshift.carbon.http.SourceFactory;
import dev.carbonshift.carbon.http.SourceFactory.Configured;
import dev.carbonshift.carbon.trace.Replay;
import dev.carbonshift.carbon.ukgrid.UkGridSource;
import dev.carbonshift.carbon.watttime.WattTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each carbon source lives and how to reach it, read once from settings (a config file's
 * values with environment variables over them). Credentials are {@link Secret}s, so this record's
 * string form shows none.
 *
 * @param networked each networked source's settings as read, in {@link #NETWORKED}'s order
 * @param replay how a trace's past is laid over the present
 * @param traceFactor which emission factors the bundled traces are read as
 * @param refresh how long stored forecasts are used before they are fetched again
 */
public record SourcesConfig(
    List<Configured> networked, Replay replay, EmissionFactor traceFactor, RefreshPolicy refresh) {

  /**
   * Every networked source Carbonshift knows, in the order a region's chain lists them by default.
   * A new source is its own package with a {@link SourceFactory}, plus one entry here.
   */
  public static final List<SourceFactory> NETWORKED =
      List.of(
          ElectricityMapsSource.FACTORY,
          WattTimeSource.FACTORY,
          UkGridSource.FACTORY,
          CarbonAwareSdkSource.FACTORY);

  public SourcesConfig {
    networked = List.copyOf(networked);
  }

  /**
   * Reads each source's settings ({@code ELECTRICITYMAPS_API_TOKEN}, {@code WATTTIME_USERNAME},
   * {@code CARBONSHIFT_<SOURCE>_URL|TIMEOUT|CONNECT_TIMEOUT|ATTEMPTS}, …; see each source's {@code
   * FACTORY}) and the trace and refresh options.
   *
   * @throws dev.carbonshift.config.InvalidInputException naming the setting that is wrong and how
   *     to fix it
   */
  public static SourcesConfig from(Map<String, String> settings) {
    Settings s = new Settings(settings);
    List<Configured> networked = new ArrayList<>();
    for (SourceFactory f : NETWORKED) {
      networked.add(f.read(s));
    }
    return new SourcesConfig(
        networked,
        replay(s),
        s.factor("CARBONSHIFT_TRACE_FACTOR", EmissionFactor.LIFECYCLE),
        new RefreshPolicy(
            s.duration("CARBONSHIFT_FORECAST_REFRESH", RefreshPolicy.DEFAULT.interval()),
            RefreshPolicy.DEFAULT.jitterFraction()));
  }

  private static Replay replay(Settings s) {
    String v = s.text("CARBONSHIFT_TRACE_REPLAY");
    if (v == null || v.equalsIgnoreCase("same-day")) {
      return new Replay.SameDayOfYear();
    }
    if (v.toLowerCase(Locale.ROOT).startsWith("offset:")) {
      return new Replay.FixedOffset(
          new Settings(Map.of("CARBONSHIFT_TRACE_REPLAY", v.substring(7)))
              .duration("CARBONSHIFT_TRACE_REPLAY", null));
    }
    throw Settings.invalid(
        "CARBONSHIFT_TRACE_REPLAY",
        "write 'same-day' or 'offset:<duration back>', e.g. offset:1460d");
  }

  /** The settings of a networked source by name, or empty for a source that is not networked. */
  public Optional<Configured> source(String name) {
    return networked.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Why a source cannot be asked, or empty when it is configured (or is not networked). */
  public Optional<String> notConfigured(String source) {
    return source(source).flatMap(Configured::notConfigured);
  }

  /**
   * Every credential any source sends: the one list that every reason and log line is redacted by.
   */
  public List<Secret> secrets() {
    return networked.stream().flatMap(c -> c.secrets().stream()).toList();
  }

  /** The effective configuration in words, for the log at start; names no secret. */
  public String describe() {
    List<String> out = new ArrayList<>();
    networked.forEach(c -> out.add(c.toString()));
    out.add("trace: replayed " + replay + ", " + traceFactor + " factors");
    out.add("forecasts refreshed every " + refresh.interval() + " ± " + refresh.jitterFraction());
    return String.join("; ", out);
  }
}
