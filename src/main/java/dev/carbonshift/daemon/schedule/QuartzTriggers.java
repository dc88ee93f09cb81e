package dev.carbonshift.daemon.schedule;

import dev.carbonshift.daemon.Timebase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * {@link Triggers} on Quartz with its JDBC job store in the knowledge store's own database (tables
 * from the V5 migration). One durable Quartz job per task name; triggers carry their data as string
 * properties. Jobs are built by a {@link JobFactory} that hands them the task table, so no task is
 * found by reflection.
 */
public final class QuartzTriggers implements Triggers {
  /** The scheduler name; the migration seeds its lock rows. */
  public static final String SCHEDULER_NAME = "carbonshift";

  static final String TASK = "carbonshift.task";
  private static final String GROUP = "carbonshift";

  private final Scheduler scheduler;
  private final Clock clock;
  private final Timebase timebase;
  private final String dataSource;
  private final Cluster cluster;
  private final Supplier<Connection> connections;

  /**
   * How the scheduler shares its store: alone (H2, one daemon), or clustered with the other daemons
   * on a shared database, each checking in under its own name.
   *
   * @param instanceName this daemon's name in the cluster (its process name, host:pid:start)
   * @param checkinInterval how often it checks in; a daemon silent for about two intervals is taken
   *     for dead and the others recover its triggers
   */
  public record Cluster(
      boolean clustered, String delegateClass, String instanceName, Duration checkinInterval) {
    /** One daemon alone on its store. */
    public static final Cluster NONE =
        new Cluster(
            false, "org.quartz.impl.jdbcjobstore.StdJDBCDelegate", "AUTO", Duration.ofSeconds(7));

    /** Quartz's default check-in interval (7.5 s: fail-over found in about 15 s). */
    public static final Duration DEFAULT_CHECKIN = Duration.ofMillis(7_500);

    /** Clustered on PostgreSQL. */
    public static Cluster postgresql(String instanceName, Duration checkinInterval) {
      return new Cluster(
          true, "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", instanceName, checkinInterval);
    }
  }

  private QuartzTriggers(
      Scheduler scheduler,
      Clock clock,
      String dataSource,
      Cluster cluster,
      Supplier<Connection> connections) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.timebase = Timebase.of(clock);
    this.dataSource = dataSource;
    this.cluster = cluster;
    this.connections = connections;
  }

  /** As the full {@code create}, for one daemon alone on its store. */
  public static QuartzTriggers create(
      Supplier<Connection> connections,
      Clock clock,
      Map<String, Task> tasks,
      Guard guard,
      int threads,
      Duration misfireThreshold) {
    return create(connections, clock, tasks, guard, threads, misfireThreshold, Cluster.NONE);
  }

  /**
   * A stopped scheduler on the store behind {@code connections}; {@link #start()} starts it.
   *
   * @param clock the daemon's clock; Quartz fires on the wall clock at the instants that {@link
   *     Timebase#of(Clock)} maps them to
   * @param threads how many tasks may run at once (tasks hand long work to workers)
   * @param misfireThreshold how late a trigger may fire before Quartz treats it as missed
   */
  public static QuartzTriggers create(
      Supplier<Connection> connections,
      Clock clock,
      Map<String, Task> tasks,
      Guard guard,
      int threads,
      Duration misfireThreshold,
      Cluster cluster) {
    String ds = "carbonshift-" + UUID.randomUUID();
    DBConnectionManager.getInstance().addConnectionProvider(ds, new Provider(connections));
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, cluster.instanceName());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", cluster.delegateClass());
    p.setProperty("org.quartz.jobStore.dataSource", ds);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(cluster.clustered()));
    if (cluster.clustered()) {
      p.setProperty(
          "org.quartz.jobStore.clusterCheckinInterval",
          String.valueOf(cluster.checkinInterval().toMillis()));
      // one daemon at a time takes due triggers, under the TRIGGER_ACCESS row lock
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
    try {
      Scheduler s = new StdSchedulerFactory(p).getScheduler();
      s.setJobFactory(new Factory(tasks, guard));
      QuartzTriggers t = new QuartzTriggers(s, clock, ds, cluster, connections);
      for (String task : tasks.keySet()) {
        JobDetail job =
            JobBuilder.newJob(Dispatch.class)
                .withIdentity(task, GROUP)
                .storeDurably()
                .usingJobData(TASK, task)
                .build();
        s.addJob(job, true);
      }
      return t;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the scheduler on the store: " + e, e);
    }
  }

  @Override
  public void at(String key, String task, Instant when, Map<String, String> data) {
    Instant fire = timebase.toBase(when);
    schedule(
        key,
        task,
        data,
        TriggerBuilder.newTrigger()
            .startAt(Date.from(fire))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()));
  }

  @Override
  public void every(String key, String task, Duration period) {
    Duration wall = timebase.toBase(period);
    schedule(
        key,
        task,
        Map.of(),
        TriggerBuilder.newTrigger()
            .startAt(Date.from(timebase.toBase(clock.instant().plus(period))))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(Math.max(1, wall.toMillis()))
                    .repeatForever()
                    // a periodic task missed while down runs once, then keeps its rhythm
                    .withMisfireHandlingInstructionNextWithRemainingCount()));
  }

  private void schedule(
      String key, String task, Map<String, String> data, TriggerBuilder<? extends Trigger> b) {
    JobDataMap map = new JobDataMap();
    map.putAll(new HashMap<>(data));
    Trigger t =
        b.withIdentity(key, GROUP).forJob(JobKey.jobKey(task, GROUP)).usingJobData(map).build();
    try {
      TriggerKey k = TriggerKey.triggerKey(key, GROUP);
      if (scheduler.checkExists(k)) {
        scheduler.rescheduleJob(k, t);
      } else {
        scheduler.scheduleJob(t);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      return scheduler.checkExists(TriggerKey.triggerKey(key, GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read trigger " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void cancel(String key) {
    try {
      scheduler.unscheduleJob(TriggerKey.triggerKey(key, GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot remove trigger " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> liveDaemons() {
    if (!cluster.clustered()) {
      return List.of();
    }
    // Quartz checks in on the wall clock (the timebase); late by two intervals is dead to it
    long since =
        timebase.toBase(clock.instant()).toEpochMilli()
            - 2 * cluster.checkinInterval().toMillis()
            - CHECKIN_SLACK_MS;
    try (Connection c = connections.get();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?"
                    + " AND LAST_CHECKIN_TIME >= ? ORDER BY INSTANCE_NAME")) {
      ps.setString(1, SCHEDULER_NAME);
      ps.setLong(2, since);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cluster's daemons: " + e.getMessage(), e);
    }
  }

  private static final long CHECKIN_SLACK_MS = 2_000;

  @Override
  public void start() {
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot stop the scheduler: " + e.getMessage(), e);
    } finally {
      try {
        DBConnectionManager.getInstance().shutdown(dataSource);
      } catch (SQLException e) {
        // the provider holds no pool; nothing to release
      }
    }
  }

  /** The one Quartz job class: runs the task its job detail names, through the guard. */
  static final class Dispatch implements Job {
    private final Map<String, Task> tasks;
    private final Guard guard;

    Dispatch(Map<String, Task> tasks, Guard guard) {
      this.tasks = tasks;
      this.guard = guard;
    }

    @Override
    public void execute(JobExecutionContext ctx) {
      JobDataMap merged = ctx.getMergedJobDataMap();
      String name = merged.getString(TASK);
      Map<String, String> data = new HashMap<>();
      for (String k : merged.getKeys()) {
        if (!k.equals(TASK)) {
          data.put(k, merged.getString(k));
        }
      }
      Task task = tasks.get(name);
      if (task != null) {
        guard.run(name, task, Map.copyOf(data));
      }
    }
  }

  private record Factory(Map<String, Task> tasks, Guard guard) implements JobFactory {
    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
      return new Dispatch(tasks, guard);
    }
  }

  private record Provider(Supplier<Connection> connections) implements ConnectionProvider {
    @Override
    public Connection getConnection() {
      return connections.get();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
