package dev.carbonshift.daemon.api;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.BatchRejectedException;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.job.IllegalStateTransitionException;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.report.ReportQuery;
import dev.carbonshift.report.Reports;
import dev.carbonshift.store.StoredJob;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP API (Javalin). It validates and stores submissions and reads the store; what
 * only the daemon can do (plan, stop runs, say how it is) goes through {@link DaemonHooks}. Every
 * error is an RFC 9457 problem document. No header is ever logged: they carry the token.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final int SHORT_TOKEN = 16;
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ApiSettings settings;
  private final JobIntake intake;
  private final ApiStore store;
  private final RegionCatalog catalog;
  private final DaemonHooks hooks;
  private final DaemonMetrics metrics;
  private final Reports reports;
  private final Bearer bearer;
  private final JobViews views;
  private Javalin app;

  public HttpApi(
      ApiSettings settings,
      JobIntake intake,
      ApiStore store,
      RegionCatalog catalog,
      DaemonHooks hooks,
      DaemonMetrics metrics,
      Reports reports) {
    this.settings = settings;
    this.intake = intake;
    this.store = store;
    this.catalog = catalog;
    this.hooks = hooks;
    this.metrics = metrics;
    this.reports = reports;
    this.bearer = new Bearer(settings.token());
    this.views = new JobViews(store);
  }

  /**
   * Starts listening.
   *
   * @return the bound port (the chosen one when the settings say 0)
   * @throws IllegalStateException if bound beyond loopback without a token
   */
  public synchronized int start() {
    if (app != null) {
      throw new IllegalStateException("the HTTP API is already started");
    }
    if (!isLoopback(settings.bind()) && settings.token().isEmpty()) {
      throw new IllegalStateException(
          "refusing to serve the API on "
              + settings.bind()
              + " without a token: set "
              + ApiSettings.TOKEN_ENV
              + ", or bind to "
              + ApiSettings.DEFAULT_BIND);
    }
    if (settings.token().filter(t -> t.length() < SHORT_TOKEN).isPresent()) {
      LOG.warn(
          "the API token is shorter than {} characters; a longer random one is harder to guess",
          SHORT_TOKEN);
    }
    Javalin started = Javalin.create(this::configure).start();
    app = started;
    LOG.info("HTTP API on {}:{} ({})", settings.bind(), started.port(), settings);
    return started.port();
  }

  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  private void configure(JavalinConfig c) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.jetty.host = settings.bind();
    c.jetty.port = settings.port();
    c.http.maxRequestSize = settings.maxBodyBytes();
    c.routes.before(this::guard);
    c.routes.post("/jobs", this::submit);
    c.routes.get("/jobs", ctx -> json(ctx, 200, views.list()));
    c.routes.get("/jobs/{id}", ctx -> json(ctx, 200, views.detail(job(ctx.pathParam("id")))));
    c.routes.delete("/jobs/{id}", this::cancel);
    c.routes.get("/regions", ctx -> json(ctx, 200, catalog.all()));
    c.routes.get("/plan", ctx -> json(ctx, 200, views.plan()));
    c.routes.get("/health", this::health);
    c.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    c.routes.get("/reports", this::report);
    // the MAPE-K knowledge, as the CLI's decisions verb shows it: ?model=NAME for one model
    c.routes.get(
        "/decisions",
        ctx ->
            json(
                ctx,
                200,
                store.adaptDecisions().list(ctx.queryParam("model")).stream()
                    .map(dev.carbonshift.store.AdaptDecision::view)
                    .toList()));
    c.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e.problem(ctx.path())));
    c.routes.exception(InvalidInputException.class, (e, ctx) -> problem(ctx, invalid(e, ctx)));
    c.routes.exception(
        IllegalStateTransitionException.class,
        (e, ctx) ->
            problem(ctx, Problem.of("conflict", "Conflict", 409, e.getMessage(), ctx.path())));
    c.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            problem(
                ctx,
                Problem.of(
                    "http-" + e.getStatus(), e.getMessage(), e.getStatus(), null, ctx.path())));
    c.routes.exception(Exception.class, this::unexpected);
  }

  /** {@code GET /reports?from&to&by&format}: the same report as the CLI's {@code report}. */
  private void report(Context ctx) {
    ReportQuery q;
    try {
      q =
          ReportQuery.parse(
                  ctx.queryParam("from"),
                  ctx.queryParam("to"),
                  ctx.queryParam("by"),
                  ctx.queryParam("format"),
                  ReportQuery.embodied(
                      ctx.queryParam("embodied-gpu"),
                      ctx.queryParam("embodied-cpu"),
                      ReportQuery.Origin.HTTP),
                  ReportQuery.Origin.HTTP)
              .withRun(ReportQuery.run(ctx.queryParam("run"), ReportQuery.Origin.HTTP));
    } catch (InvalidInputException e) {
      problem(
          ctx,
          Problem.of("invalid-query", "Invalid report query", 400, e.getMessage(), ctx.path()));
      return;
    }
    ctx.status(200).contentType(q.format().contentType()).result(reports.render(q));
  }

  /** Runs before every route: the token on mutating calls, then the declared body size. */
  private void guard(Context ctx) {
    HandlerType m = ctx.method();
    boolean mutating = !(m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS);
    if (mutating && !bearer.accepts(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"carbonshift\"");
      throw ApiException.unauthorized(
          "this call needs Authorization: Bearer <the token in " + ApiSettings.TOKEN_ENV + ">");
    }
    String length = ctx.header("Content-Length");
    if (length != null && declaredLength(length) > settings.maxBodyBytes()) {
      throw ApiException.tooLarge(settings.maxBodyBytes());
    }
  }

  /** The header by which a CLI on this machine says which file it read the descriptor from. */
  public static final String SOURCE_FILE_HEADER = "X-Carbonshift-Source-File";

  /**
   * The descriptor's file, so that its relative dataset paths resolve beside it: only from a client
   * on this machine (which shares the file system), and only an absolute path; else none.
   */
  private static java.nio.file.Path sourceFile(Context ctx) {
    String h = ctx.header(SOURCE_FILE_HEADER);
    if (h == null || h.isBlank() || h.length() > 1000) {
      return null;
    }
    try {
      if (!java.net.InetAddress.getByName(ctx.ip()).isLoopbackAddress()) {
        return null;
      }
      java.nio.file.Path p = java.nio.file.Path.of(h);
      return p.isAbsolute() ? p.normalize() : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private void submit(Context ctx) {
    String text = Bodies.utf8(Bodies.readCapped(ctx.bodyInputStream(), settings.maxBodyBytes()));
    StoredJob j = intake.submitText(Bodies.shownAs(ctx.contentType(), text), text, sourceFile(ctx));
    metrics.jobsSubmitted();
    try {
      hooks.submitted(j);
    } catch (RuntimeException e) {
      // The job is stored; the next periodic planning round places it.
      LOG.warn("job {} stored, but the planning round it asked for failed", j.id(), e);
      metrics.periodicTaskFailure("plan-on-submit");
    }
    ctx.header("Location", "/jobs/" + j.id());
    json(ctx, 201, JobViews.summary(j));
  }

  private void cancel(Context ctx) {
    StoredJob j = job(ctx.pathParam("id"));
    json(ctx, 200, JobViews.summary(hooks.cancel(j.id(), "cancelled through the API")));
  }

  private void health(Context ctx) {
    Health h = hooks.health();
    json(
        ctx,
        h.ok() ? 200 : 503,
        Json.object()
            .put("status", h.status())
            .put("daemonId", h.daemonId())
            .put("version", h.version())
            .put("uptimeSeconds", h.uptime().toSeconds())
            .put("daemonsAlive", h.liveDaemons().size())
            .set("daemons", Json.MAPPER.valueToTree(h.liveDaemons())));
  }

  private StoredJob job(String id) {
    return store.jobs().find(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'"));
  }

  private static Problem invalid(InvalidInputException e, Context ctx) {
    List<InvalidInputException> errors =
        e instanceof BatchRejectedException b ? b.errors() : List.of(e);
    return new Problem(
        "urn:carbonshift:problem:invalid-descriptor",
        "Invalid job descriptor",
        400,
        e.getMessage(),
        ctx.path(),
        errors);
  }

  private void unexpected(Exception e, Context ctx) {
    // Logged with the path only: the request's headers may hold the token.
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    problem(
        ctx,
        Problem.of(
            "internal",
            "Internal error",
            500,
            "the daemon could not answer; its log says why",
            ctx.path()));
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Content-Length is not a number");
    }
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  private static void problem(Context ctx, Problem p) {
    ctx.status(p.status()).contentType(Problem.CONTENT_TYPE).result(p.toJson());
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("api bind: unknown address '" + bind + "'", e);
    }
  }
}
