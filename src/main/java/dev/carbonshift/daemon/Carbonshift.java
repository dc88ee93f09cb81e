package dev.carbonshift.daemon;

import dev.carbonshift.adapt.Adapt;
import dev.carbonshift.adapt.Knowledge;
import dev.carbonshift.adapt.Policy;
import dev.carbonshift.adapt.PolicyParser;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.daemon.api.ApiSettings;
import dev.carbonshift.daemon.api.ApiStore;
import dev.carbonshift.daemon.api.DaemonClient;
import dev.carbonshift.daemon.api.DaemonHooks;
import dev.carbonshift.daemon.api.DaemonMetrics;
import dev.carbonshift.daemon.api.HttpApi;
import dev.carbonshift.daemon.api.JobsFolder;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.detect.MeterOptions;
import dev.carbonshift.energy.detect.Meters;
import dev.carbonshift.energy.detect.Scope;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.report.Reports;
import dev.carbonshift.store.AdaptDecisionRepository;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.DecisionRepository;
import dev.carbonshift.store.IntensityRepository;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.train.DatasetCheck;
import dev.carbonshift.train.Trainer;
import dev.carbonshift.train.Trainers;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one composition root: turns one validated {@link DaemonConfig} into Carbonshift's parts.
 * Every CLI verb and the daemon get their store, repositories, carbon sources, meter, trainer and
 * planner here; nothing else builds them. Parts are built on first use, so a verb that only reads
 * the region catalog opens no store and no network.
 */
public final class Carbonshift implements AutoCloseable {
  private final DaemonConfig config;
  private final Clock clock;
  private final String owner;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private final Lazy<RegionCatalog> catalog;
  private final Lazy<Database> database;
  private final Lazy<JobRepository> jobs;
  private final Lazy<PlacementRepository> placements;
  private final Lazy<RunRepository> runs;
  private final Lazy<ModelVersionRepository> models;
  private final Lazy<DecisionRepository> decisions;
  private final Lazy<CarbonSources> sources;
  private final Lazy<CarbonSources> uncachedSources;
  private final Lazy<EnergyMeter> meter;
  private final Lazy<Trainer> trainer;
  private final Lazy<JobIntake> intake;
  private final Lazy<PlanningService> planning;
  private final Lazy<PlanningService> dryRunPlanning;
  private final Lazy<QueuePlanner> queuePlanner;
  private final Lazy<JobRunner> runner;
  private final Lazy<DaemonMetrics> metrics;
  private final Lazy<Reports> reports;
  private final Lazy<AdaptDecisionRepository> adaptDecisions;
  private final Lazy<Adapt> adapt;

  private Carbonshift(DaemonConfig config, Clock clock, boolean toRead) {
    this.config = config;
    this.clock = clock;
    this.owner = processName();
    catalog = new Lazy<>(() -> RegionCatalog.load(config.regionsDir()));
    database = new Lazy<>(() -> opened(openStore(config, toRead)));
    jobs = new Lazy<>(() -> new JobRepository(database.get(), clock));
    placements = new Lazy<>(() -> new PlacementRepository(database.get()));
    runs = new Lazy<>(() -> new RunRepository(database.get()));
    models = new Lazy<>(() -> new ModelVersionRepository(database.get()));
    decisions = new Lazy<>(() -> new DecisionRepository(database.get()));
    sources =
        new Lazy<>(
            () ->
                opened(
                    CarbonSources.fromEnvironment(
                        config.env(),
                        clock,
                        catalog.get(),
                        new IntensityRepository(database.get()))));
    uncachedSources =
        new Lazy<>(
            () -> opened(CarbonSources.fromEnvironment(config.env(), clock, catalog.get(), null)));
    meter = new Lazy<>(() -> Meters.detect(meterOptions()));
    trainer = new Lazy<>(() -> Trainers.dl4j(models.get(), config.dataDir(), clock));
    intake = new Lazy<>(() -> new JobIntake(catalog.get(), jobs::get, clock, datasetCheck()));
    planning =
        new Lazy<>(
            () -> new PlanningService(catalog.get(), sources.get(), clock, PlanSettings.DEFAULT));
    dryRunPlanning =
        new Lazy<>(
            () ->
                new PlanningService(
                    catalog.get(), uncachedSources.get(), clock, PlanSettings.DEFAULT));
    queuePlanner =
        new Lazy<>(
            () ->
                new QueuePlanner(
                    jobs.get(), placements.get(), planning.get(), catalog.get(), clock));
    runner =
        new Lazy<>(
            () ->
                new JobRunner(
                    jobs.get(),
                    placements.get(),
                    runs.get(),
                    models.get(),
                    catalog.get(),
                    sources.get(),
                    trainer.get(),
                    meter.get(),
                    clock,
                    owner));
    metrics = new Lazy<>(() -> new DaemonMetrics(database.get()));
    reports = new Lazy<>(() -> new Reports(database.get(), catalog.get(), clock));
    adaptDecisions = new Lazy<>(() -> new AdaptDecisionRepository(database.get()));
    adapt =
        new Lazy<>(
            () ->
                new Adapt(
                    adaptPolicy(),
                    models.get(),
                    Knowledge.of(adaptDecisions.get()),
                    new AdaptWiring(this),
                    clock));
  }

  /** Names the file of the self-adaptation policy; the bundled one when unset. */
  public static final String ADAPT_POLICY_ENV = "CARBONSHIFT_ADAPT_POLICY";

  /** The Quartz cron of the self-adaptation cycle (UTC); {@link #DEFAULT_ADAPT_CRON} when unset. */
  public static final String ADAPT_CRON_ENV = "CARBONSHIFT_ADAPT_CRON";

  /** Nightly at 02:30 UTC, after the shipped nightly retrain's window opens. */
  public static final String DEFAULT_ADAPT_CRON = "0 30 2 * * ?";

  private Policy adaptPolicy() {
    String file = config.env().get(ADAPT_POLICY_ENV);
    return file == null || file.isBlank()
        ? PolicyParser.bundled()
        : PolicyParser.read(Path.of(file));
  }

  /** The cron of the self-adaptation cycle, checked: a bad one fails naming the variable. */
  public String adaptCron() {
    String cron = config.env().getOrDefault(ADAPT_CRON_ENV, DEFAULT_ADAPT_CRON);
    String problem = JobIntake.cronProblem(cron, clock.instant());
    if (problem != null) {
      throw new IllegalArgumentException(
          ADAPT_CRON_ENV + "='" + cron + "' is not a Quartz cron that fires again: " + problem);
    }
    return cron;
  }

  /** The parts of Carbonshift for {@code config}, reading time from {@code clock}. */
  public static Carbonshift open(DaemonConfig config, Clock clock) {
    return new Carbonshift(config, clock, false);
  }

  /**
   * As {@link #open}, for a verb that only reads the store ({@code status}, {@code report}, {@code
   * models}): a read-only H2 file is read as it is, without a lock file or a migration.
   */
  public static Carbonshift openToRead(DaemonConfig config, Clock clock) {
    return new Carbonshift(config, clock, true);
  }

  private static Database openStore(DaemonConfig c, boolean toRead) {
    if (c.db().startsWith("jdbc:")) {
      return Database.url(
          c.db(), c.env().getOrDefault("CARBONSHIFT_DB_USER", ""), c.dbPassword().orElse(""));
    }
    String password = c.dbPassword().orElse("");
    return toRead
        ? Database.fileToRead(Path.of(c.db()), password)
        : Database.file(Path.of(c.db()), password);
  }

  private MeterOptions meterOptions() {
    MeterOptions o = MeterOptions.defaults(new Scope.Self(), config.env());
    return Files.isRegularFile(config.hardwareDir().resolve("TDP_cpu.csv"))
        ? o.withHardwareDir(config.hardwareDir())
        : o;
  }

  private <T> T opened(T part) {
    if (part instanceof AutoCloseable c) {
      synchronized (opened) {
        opened.add(c);
      }
    }
    return part;
  }

  private static final String PROCESS = computeProcessName();

  /** This process in runs it owns: host, pid and start time, so a reused pid is not mistaken. */
  static String processName() {
    return PROCESS;
  }

  private static String computeProcessName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + ProcessHandle.current()
            .info()
            .startInstant()
            .map(java.time.Instant::toEpochMilli)
            .orElse(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  public DaemonConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public String owner() {
    return owner;
  }

  public RegionCatalog catalog() {
    return catalog.get();
  }

  public Database database() {
    return database.get();
  }

  public JobRepository jobs() {
    return jobs.get();
  }

  public PlacementRepository placements() {
    return placements.get();
  }

  public RunRepository runs() {
    return runs.get();
  }

  public ModelVersionRepository models() {
    return models.get();
  }

  public DecisionRepository decisions() {
    return decisions.get();
  }

  /** The carbon sources, keeping what they fetch in the store. */
  public CarbonSources sources() {
    return sources.get();
  }

  public EnergyMeter meter() {
    return meter.get();
  }

  public Trainer trainer() {
    return trainer.get();
  }

  public JobIntake intake() {
    return intake.get();
  }

  /** Plans on the store's cached intensities (the daemon). */
  public PlanningService planning() {
    return planning.get();
  }

  /** Plans without touching the store (the {@code plan} dry run). */
  public PlanningService dryRunPlanning() {
    return dryRunPlanning.get();
  }

  public QueuePlanner queuePlanner() {
    return queuePlanner.get();
  }

  public JobRunner runner() {
    return runner.get();
  }

  /** The daemon's Prometheus metrics, read from the store at each scrape. */
  public DaemonMetrics metrics() {
    return metrics.get();
  }

  /** The self-adaptation loop's decisions: {@code decisions} and {@code GET /decisions}. */
  public AdaptDecisionRepository adaptDecisions() {
    return adaptDecisions.get();
  }

  /** The MAPE-K loop over the store; {@code adapt().cycle(model)} runs one cycle. */
  public Adapt adapt() {
    return adapt.get();
  }

  /** CO2 reports over the store: the {@code report} verb and {@code GET /reports}. */
  public Reports reports() {
    return reports.get();
  }

  /**
   * The check every door of the {@link #intake()} (CLI {@code submit} and {@code train}, {@code
   * POST /jobs}, the jobs folder) runs on each descriptor's dataset: inside the descriptor's
   * folder, the data folder ({@code data/}, where the bundled traces are), the models folder, or a
   * folder named in {@code CARBONSHIFT_DATASET_ROOTS} (separated by the platform's path separator).
   */
  private DatasetCheck datasetCheck() {
    List<Path> roots = new ArrayList<>();
    roots.add(config.hardwareDir().toAbsolutePath().normalize().getParent());
    roots.add(config.dataDir());
    String more = config.env().get("CARBONSHIFT_DATASET_ROOTS");
    if (more != null && !more.isBlank()) {
      for (String r : more.split(java.io.File.pathSeparator)) {
        if (!r.isBlank()) {
          roots.add(Path.of(r.trim()));
        }
      }
    }
    return new DatasetCheck(roots);
  }

  /** The HTTP API's settings: bind address, port, token (from the environment), body cap. */
  public ApiSettings apiSettings() {
    return new ApiSettings(config.bind(), config.port(), config.apiToken(), config.maxBodyBytes());
  }

  /** The HTTP API over the store, scheduling through {@code hooks}; not started. */
  public HttpApi httpApi(DaemonHooks hooks) {
    return new HttpApi(
        apiSettings(),
        intake(),
        ApiStore.of(database(), clock),
        catalog(),
        hooks,
        metrics(),
        reports());
  }

  /** The watched jobs folder, if one is configured. */
  public Optional<JobsFolder> jobsFolder(DaemonHooks hooks) {
    return config
        .jobsFolder()
        .map(
            dir ->
                new JobsFolder(dir, intake(), hooks, metrics(), clock, JobsFolder.DEFAULT_SETTLE));
  }

  /** A running daemon's API at the configured address, if one answers within {@code timeout}. */
  public Optional<DaemonClient> daemonClient(Duration timeout) {
    String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
    URI base =
        URI.create(
            "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port());
    return config.port() == 0
        ? Optional.empty()
        : DaemonClient.probe(base, config.apiToken(), timeout);
  }

  /** Closes what was opened, newest first: sources, then the store. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (opened) {
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    RuntimeException first = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("cannot close " + toClose.get(i) + ": " + e, e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A part built once, on first use. */
  private static final class Lazy<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
      this.make = make;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = make.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
