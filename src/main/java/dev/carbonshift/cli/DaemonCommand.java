package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.Daemon;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.daemon.ScaledClock;
import dev.carbonshift.daemon.api.HttpApi;
import dev.carbonshift.daemon.api.JobsFolder;
import dev.carbonshift.store.Dialect;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run the scheduler: plan the queue, start each job at its placed time, heartbeat runs,"
          + " resume the runs of dead processes, fire recurring schedules, serve the HTTP API.",
      "SIGTERM or Ctrl-C: running trainings checkpoint, are recorded as interrupted, and resume"
          + " at the next start; exit 0."
    })
final class DaemonCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "settings file (YAML or JSON)")
  String configFile;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: 8080; 0: any)")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description =
          "address to listen on (default: 127.0.0.1); any other needs CARBONSHIFT_API_TOKEN")
  String bind;

  @Option(
      names = "--speed",
      paramLabel = "X",
      defaultValue = "1",
      description =
          "run the daemon's clock X times faster than the wall clock (demos and tests; default 1)")
  double speed;

  DaemonCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> flags = new LinkedHashMap<>();
    if (port != null) {
      flags.put("port", String.valueOf(port));
    }
    if (bind != null) {
      flags.put("bind", bind);
    }
    DaemonConfig base = store.config(ctx, flags);
    DaemonConfig config =
        configFile == null
            ? base
            : DaemonConfig.load(
                Optional.of(ctx.resolve(configFile)),
                ctx.env(),
                overrides(flags),
                StoreOptions.places(ctx));
    Clock clock =
        speed == 1
            ? ctx.clock()
            : ScaledClock.startingAt(ctx.clock().instant(), speed, ctx.clock());
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
    try (Carbonshift cs = Carbonshift.open(config, clock);
        Daemon daemon = Daemon.create(cs)) {
      HttpApi api = cs.httpApi(daemon);
      Optional<JobsFolder> folder = cs.jobsFolder(daemon);
      folder.ifPresent(f -> daemon.watchJobsFolder(f::scanOnce));
      // the API refuses a non-loopback bind without a token before anything is scheduled
      int bound = api.start();
      try {
        daemon.start();
        out.printf(
            "carbonshift daemon %s: store %s, API http://%s:%d%s%n",
            cs.owner(),
            Dialect.redacted(config.db()),
            config.bind(),
            bound,
            folder.map(f -> ", watching " + config.jobsFolder().orElseThrow()).orElse(""));
        out.flush();
        stop.await();
        out.println("stopping: running trainings checkpoint and resume at the next start");
        out.flush();
      } finally {
        api.stop();
      }
    }
    return Main.OK;
  }

  /** The flags over the file: --db, --regions, --port, --bind. */
  private Map<String, String> overrides(Map<String, String> flags) {
    Map<String, String> m = new LinkedHashMap<>(flags);
    if (store.db != null) {
      m.put("db", StoreOptions.dbSetting(ctx, store.db));
    }
    if (store.regions != null) {
      m.put("regions", store.regions);
    }
    return m;
  }
}
