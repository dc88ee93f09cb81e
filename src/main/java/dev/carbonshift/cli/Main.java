package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.TrainingElsewhereException;
import dev.carbonshift.job.IllegalStateTransitionException;
import dev.carbonshift.store.StoreBusyException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code carbonshift} command line. Exit codes: 0 ok, 1 internal failure, 2 bad input, 3 busy
 * (another process holds the store, or trains the same job): try again later.
 */
@Command(
    name = "carbonshift",
    mixinStandardHelpOptions = true,
    version = "Carbonshift 0.1.0",
    description =
        "Carbon-aware scheduling for ML training: run jobs where and when the grid is greenest.",
    scope = ScopeType.INHERIT,
    subcommands = {
      DemoCommand.class,
      DaemonCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      CancelCommand.class,
      RegionsCommand.class,
      PlanCommand.class,
      SimulateCommand.class,
      AdaptReplayCommand.class,
      BenchCommand.class,
      TrainCommand.class,
      ModelsCommand.class,
      DecisionsCommand.class,
      BenchTrainingCommand.class,
      MeasureCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int BAD_INPUT = 2;

  /**
   * Another process holds the store longer than a command waits for it, or is training the job
   * {@code train} was asked to: try again later.
   */
  public static final int STORE_BUSY = 3;

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // the daemon logs every decision with its reason; other verbs print results and log warnings
    // (read by logback.xml before anything logs; CARBONSHIFT_LOG_LEVEL still wins)
    if (args.length > 0
        && args[0].equals("daemon")
        && System.getenv("CARBONSHIFT_LOG_LEVEL") == null
        && System.getProperty("CARBONSHIFT_LOG_LEVEL") == null) {
      System.setProperty("CARBONSHIFT_LOG_LEVEL", "INFO");
    }
    System.exit(commandLine(Context.system()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every command built around {@code ctx}. */
  public static CommandLine commandLine(Context ctx) {
    CommandLine cli = new CommandLine(new Main(), new ContextFactory(ctx));
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (e instanceof InvalidInputException || e instanceof IllegalStateTransitionException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    if (e instanceof StoreBusyException || e instanceof TrainingElsewhereException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return STORE_BUSY;
    }
    err.println("internal error: " + e);
    if (System.getenv("CARBONSHIFT_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return INTERNAL;
  }

  /** Gives commands that take a {@link Context} in their constructor the one of this run. */
  private record ContextFactory(Context ctx) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> c = cls.getDeclaredConstructor(Context.class);
        return c.newInstance(ctx);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
