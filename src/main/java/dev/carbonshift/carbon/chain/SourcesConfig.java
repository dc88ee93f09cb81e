package dev.carbonshift.carbon.chain;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.RefreshPolicy;
import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.http.Endpoint;
import dev.carbonshift.carbon.trace.Replay;
import java.time.Duration;
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
 * @param ukGrid null unless {@code CARBONSHIFT_UKGRID_URL} is set, so offline runs never wait for a
 *     network they do not have
 * @param casdk null unless {@code CARBONSHIFT_CASDK_URL} is set (it is self-hosted)
 * @param refresh how long stored forecasts are used before they are fetched again
 */
public record SourcesConfig(
    Endpoint electricityMaps,
    Secret electricityMapsToken,
    EmissionFactor electricityMapsFactor,
    Endpoint wattTime,
    Secret wattTimeUsername,
    Secret wattTimePassword,
    Endpoint ukGrid,
    Endpoint casdk,
    Signal casdkSignal,
    Map<String, String> casdkLocations,
    Replay replay,
    EmissionFactor traceFactor,
    RefreshPolicy refresh) {

  public static final String ELECTRICITYMAPS_URL = "https://api.electricitymap.org/v3";
  public static final String WATTTIME_URL = "https://api.watttime.org";

  /** The public UK grid API, for {@code CARBONSHIFT_UKGRID_URL}. */
  public static final String UKGRID_URL = "https://api.carbonintensity.org.uk";

  /** The UK grid API is known to be slow to answer. */
  public static final Duration UKGRID_RESPONSE_TIMEOUT = Duration.ofSeconds(15);

  public SourcesConfig {
    casdkLocations = Map.copyOf(casdkLocations);
  }

  /**
   * Reads {@code ELECTRICITYMAPS_API_TOKEN}, {@code WATTTIME_USERNAME}, {@code WATTTIME_PASSWORD},
   * {@code CARBONSHIFT_<SOURCE>_URL|TIMEOUT|CONNECT_TIMEOUT|ATTEMPTS} and the few source options.
   *
   * @throws dev.carbonshift.config.InvalidInputException naming the setting that is wrong and how
   *     to fix it
   */
  public static SourcesConfig from(Map<String, String> settings) {
    Settings s = new Settings(settings);
    return new SourcesConfig(
        s.endpoint("electricitymaps", ELECTRICITYMAPS_URL, Endpoint.DEFAULT_RESPONSE_TIMEOUT),
        Secret.ofNullable(s.text("ELECTRICITYMAPS_API_TOKEN")),
        s.factor("CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR", EmissionFactor.LIFECYCLE),
        s.endpoint("watttime", WATTTIME_URL, Endpoint.DEFAULT_RESPONSE_TIMEOUT),
        Secret.ofNullable(s.text("WATTTIME_USERNAME")),
        Secret.ofNullable(s.text("WATTTIME_PASSWORD")),
        s.endpoint("ukgrid", null, UKGRID_RESPONSE_TIMEOUT),
        s.endpoint("casdk", null, Endpoint.DEFAULT_RESPONSE_TIMEOUT),
        s.signal("CARBONSHIFT_CASDK_SIGNAL", Signal.MARGINAL),
        s.pairs("CARBONSHIFT_CASDK_LOCATIONS"),
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

  /** Why a source cannot be asked, or empty when it is configured. */
  public Optional<String> notConfigured(String source) {
    String why =
        switch (source) {
          case "electricitymaps" ->
              electricityMapsToken == null
                  ? "not configured (set ELECTRICITYMAPS_API_TOKEN)"
                  : null;
          case "watttime" ->
              wattTimeUsername == null || wattTimePassword == null
                  ? "not configured (set WATTTIME_USERNAME and WATTTIME_PASSWORD)"
                  : null;
          case "ukgrid" ->
              ukGrid == null
                  ? "not configured (set CARBONSHIFT_UKGRID_URL=" + UKGRID_URL + ")"
                  : null;
          case "casdk" -> casdk == null ? "not configured (set CARBONSHIFT_CASDK_URL)" : null;
          default -> null;
        };
    return Optional.ofNullable(why);
  }

  /** The effective configuration in words, for the log at start; names no secret. */
  public String describe() {
    List<String> out = new ArrayList<>();
    for (String name : List.of("electricitymaps", "watttime", "ukgrid", "casdk")) {
      Endpoint e =
          switch (name) {
            case "electricitymaps" -> electricityMaps;
            case "watttime" -> wattTime;
            case "ukgrid" -> ukGrid;
            default -> casdk;
          };
      Optional<String> skip = notConfigured(name);
      out.add(
          name
              + ": "
              + (skip.isPresent()
                  ? skip.get()
                  : e.baseUrl()
                      + " (timeouts "
                      + e.connectTimeout().toMillis()
                      + "/"
                      + e.responseTimeout().toMillis()
                      + " ms, "
                      + e.maxAttempts()
                      + " attempts)"));
    }
    out.add("trace: replayed " + replay + ", " + traceFactor + " factors");
    out.add("forecasts refreshed every " + refresh.interval() + " ± " + refresh.jitterFraction());
    return String.join("; ", out);
  }
}
