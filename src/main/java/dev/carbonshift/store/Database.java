package dev.carbonshift.store;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.carbonshift.config.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 knowledge store: opens connections to one database (a file by default, or in memory for
 * tests) whose schema Flyway has brought up to date.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Default location of the store, under the working directory. */
  public static final Path DEFAULT_FILE = Path.of(".carbonshift", "carbonshift");

  /** What H2 appends to the base name for its file. */
  static final String H2_SUFFIX = ".mv.db";

  private final String url;
  private final String user;
  private final String password;
  private final boolean embeddedFile;
  private volatile JdbcConnectionPool pool;
  private final Dialect dialect;

  /** The pool of a store on a database server; null for H2, which keeps its own. */
  private volatile ServerPool server;

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Open {@code Database}s per H2 file URL in this JVM: they share one embedded database, so only
   * the last one to close shuts it down (a CLI verb run inside a test, or the daemon's bench next
   * to its daemon, must not close the store under the other).
   */
  private static final Map<String, java.util.concurrent.atomic.AtomicInteger> OPEN =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Connections kept open for reuse: workers, Quartz's threads and the API's share them. */
  static final int POOL_SIZE = 64;

  private Database(String url, String user, String password, boolean embeddedFile) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.embeddedFile = embeddedFile;
    this.dialect = Dialect.of(url);
    if (embeddedFile) {
      OPEN.computeIfAbsent(url, u -> new java.util.concurrent.atomic.AtomicInteger())
          .incrementAndGet();
    }
  }

  /** As {@link #file(Path, String)}, for a store without a password. */
  public static Database file(Path base) {
    return file(base, "");
  }

  /**
   * A store in the H2 file {@code base} (H2 appends {@code .mv.db}); folders are created. Several
   * processes may open it at once (the daemon and a CLI): H2's auto-server mode hands the second
   * one a TCP connection to the first.
   *
   * @param password the store's password; the composition root reads it from {@code
   *     CARBONSHIFT_DB_PASSWORD}, since only it may read the environment
   */
  public static Database file(Path base, String password) {
    return file(base, password, false);
  }

  /**
   * As {@link #file(Path, String)}, for a command that only reads (status, reports, the model
   * registry): a store that is read-only ({@link #readOnlyReason}) is opened read-only, with no
   * lock file, nothing written and no migration; one whose schema is older than this version's is
   * refused, since it cannot be upgraded without writing. A writable store opens as usual.
   *
   * @throws InvalidInputException naming {@code --db} for a read-only store with an older schema
   */
  public static Database fileToRead(Path base, String password) {
    return file(base, password, true);
  }

  private static Database file(Path base, String password, boolean readOnlyOk) {
    Path abs = withoutH2Suffix(base.toAbsolutePath().normalize());
    String urlPath = urlPath(abs, Path.of("").toAbsolutePath());
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
    } catch (java.io.IOException e) {
      // most often the working folder, where the default store lives, is not one to write in
      throw new InvalidInputException(
          null,
          0,
          "--db",
          "cannot create the store's folder "
              + abs.getParent()
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); run from a folder you can write in, or give --db (or CARBONSHIFT_DB) a store"
              + " path there");
    }
    Path h2File = abs.resolveSibling(abs.getFileName() + H2_SUFFIX);
    checkIntact(h2File);
    Objects.requireNonNull(password, "password");
    String readOnly = readOnlyReason(h2File);
    if (readOnly != null) {
      if (!readOnlyOk) {
        throw new InvalidInputException(
            null,
            0,
            "--db",
            "the store "
                + h2File
                + " is read-only ("
                + readOnly
                + ") and this command writes to it; make it writable, or work on a copy (status,"
                + " report and models read a read-only store as it is)");
      }
      // no AUTO_SERVER: it needs a lock file beside the store; nothing else may be written either
      String roUrl = "jdbc:h2:file:" + urlPath + ";ACCESS_MODE_DATA=r;DB_CLOSE_DELAY=-1";
      return StoreBusy.waiting(
          () -> checkedReadOnly(new Database(roUrl, "sa", password, true), h2File, readOnly),
          StoreBusy.DEFAULT_WAIT,
          h2File.toString(),
          lockFile(h2File).toString());
    }
    String url = "jdbc:h2:file:" + urlPath + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1";
    return StoreBusy.waiting(
        () -> migrated(new Database(url, "sa", password, true)),
        StoreBusy.DEFAULT_WAIT,
        h2File.toString(),
        lockFile(h2File).toString());
  }

  /**
   * Why the store file may not be written, or null if it may: the file or its folder (where H2 puts
   * its lock file) cannot be written by this user, or has no write permission for anyone ({@code
   * chmod a-w}), which marks it read-only even for root, who could write it anyway.
   */
  static String readOnlyReason(Path h2File) {
    if (!Files.exists(h2File)) {
      return null;
    }
    if (!Files.isWritable(h2File) || !hasWriteBit(h2File)) {
      return "no write permission on the file";
    }
    Path folder = h2File.toAbsolutePath().getParent();
    if (folder != null && (!Files.isWritable(folder) || !hasWriteBit(folder))) {
      return "no write permission on its folder " + folder + ", where its lock file goes";
    }
    return null;
  }

  private static boolean hasWriteBit(Path p) {
    try {
      var perms = Files.getPosixFilePermissions(p);
      return perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
          || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
          || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return true; // no POSIX permissions here: Files.isWritable alone decides
    }
  }

  /**
   * A read-only store as it is: Flyway only reads its history (a migration would write), and a
   * schema older than this version's is refused with what to do, rather than read with the wrong
   * columns.
   */
  private static Database checkedReadOnly(Database db, Path h2File, String why) {
    try {
      org.flywaydb.core.api.MigrationInfoService info =
          Flyway.configure()
              .dataSource(db.url, db.user, db.password)
              .locations(db.dialect.migrationLocations())
              .load()
              .info();
      org.flywaydb.core.api.MigrationInfo[] pending = info.pending();
      if (pending.length > 0) {
        org.flywaydb.core.api.MigrationInfo current = info.current();
        throw new InvalidInputException(
            null,
            0,
            "--db",
            "the store "
                + h2File
                + " is read-only ("
                + why
                + ") and its schema is at version "
                + (current == null ? "none" : current.getVersion())
                + ", older than this Carbonshift's "
                + pending[pending.length - 1].getVersion()
                + "; it cannot be upgraded without writing: run a command on it once as a user"
                + " who may write it, or work on a writable copy");
      }
      LOG.debug("store {} opened read-only: {}", h2File, why);
      return db;
    } catch (RuntimeException e) {
      OPEN.get(db.url).decrementAndGet();
      if (e instanceof InvalidInputException || StoreBusy.isLockRace(e)) {
        throw e;
      }
      throw new StoreException(
          "cannot read the read-only store " + h2File + " (" + why + "): " + e.getMessage(), e);
    }
  }

  private static Path lockFile(Path h2File) {
    return h2File.resolveSibling(h2File.getFileName().toString().replace(H2_SUFFIX, ".lock.db"));
  }

  /**
   * Refuses a damaged store file before H2 sees it: H2 "recovers" a truncated file by rolling back
   * to the newest chunk still whole, and an empty file by starting a new store, silently losing
   * rows either way, and writes the result over the original.
   *
   * <p>Skipped while a lock file says a live process has the store open: its writer may be midway
   * through a chunk, which this check could not tell from damage.
   */
  static void checkIntact(Path h2File) {
    if (!Files.exists(h2File) || Files.exists(lockFile(h2File))) {
      return;
    }
    try {
      checkFile(h2File);
    } catch (StoreException e) {
      // a process that opened the store while it was read may be writing it: not damage
      if (!Files.exists(lockFile(h2File))) {
        throw e;
      }
    }
  }

  private static void checkFile(Path h2File) {
    try (FileChannel ch = FileChannel.open(h2File, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        throw damaged(h2File, "it is empty (0 bytes), and a store is never an empty file");
      }
      // the header is written twice, in the first two blocks, so that one torn write leaves one
      Map<String, String> header = header(read(ch, 0, HEADER_BLOCK));
      if (header == null) {
        header = header(read(ch, HEADER_BLOCK, HEADER_BLOCK));
      }
      if (header == null) {
        throw damaged(h2File, "it does not start with an H2 store header");
      }
      long blockSize = hex(header.get("blockSize"), HEADER_BLOCK);
      long newestChunk = hex(header.get("block"), -1);
      if (blockSize <= 0) {
        throw damaged(h2File, "its header has no readable block size");
      }
      if (newestChunk < 0 || (newestChunk + 1) * blockSize > size) {
        throw damaged(
            h2File,
            "it is "
                + size
                + " bytes, shorter than its header says (a chunk at byte "
                + newestChunk * blockSize
                + ")");
      }
      // The header's block is not always where the newest chunk starts (after a shutdown that
      // moved chunks it may point at freed space), so look for any chunk at a block boundary: a
      // store with none left has lost its data, whatever H2 would make of it.
      if (!anyChunk(ch, blockSize, size)) {
        throw damaged(h2File, "no chunk of data is left in it");
      }
      // a cleanly closed store ends with the footer of its last chunk, in the last bytes of a block
      if ("1".equals(header.get("clean"))) {
        String footer = new String(read(ch, size - CHUNK_FOOTER, CHUNK_FOOTER), US_ASCII);
        if (size % blockSize != 0 || !footer.startsWith("chunk:")) {
          throw damaged(h2File, "it is " + size + " bytes and its last chunk is cut off");
        }
      }
    } catch (java.io.IOException e) {
      throw new StoreException("cannot read the store file " + h2File + ": " + e.getMessage(), e);
    }
  }

  private static boolean anyChunk(FileChannel ch, long blockSize, long size)
      throws java.io.IOException {
    for (long at = 2 * blockSize; at + 6 <= size; at += blockSize) {
      if (new String(read(ch, at, 6), US_ASCII).equals("chunk:")) {
        return true;
      }
    }
    return false;
  }

  private static final int HEADER_BLOCK = 4096;
  private static final int CHUNK_FOOTER = 128;

  private static byte[] read(FileChannel ch, long at, int length) throws java.io.IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(length, ch.size() - at)));
    while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
      // keep reading: a file channel may answer short reads
    }
    return buf.array();
  }

  /** The {@code key:value,...} fields of an H2 MVStore header block, or null if it is none. */
  private static Map<String, String> header(byte[] block) {
    String text = new String(block, US_ASCII);
    int end = text.indexOf('\n');
    if (!text.startsWith("H:2,") || end < 0) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    for (String field : text.substring(0, end).split(",")) {
      int colon = field.indexOf(':');
      if (colon > 0) {
        fields.put(field.substring(0, colon), field.substring(colon + 1));
      }
    }
    return fields;
  }

  private static long hex(String value, long fallback) {
    try {
      return value == null ? fallback : Long.parseLong(value, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static StoreException damaged(Path h2File, String why) {
    return new StoreException(
        "the store file "
            + h2File
            + " is damaged: "
            + why
            + ". It was left untouched; restore it from a backup, or move it away to start an"
            + " empty store");
  }

  /**
   * The base name H2 wants: a user who names the file itself, {@code carbonshift.mv.db}, means that
   * store, not a new one beside it called {@code carbonshift.mv.db.mv.db}.
   */
  private static Path withoutH2Suffix(Path abs) {
    String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
    return name.endsWith(H2_SUFFIX) && name.length() > H2_SUFFIX.length()
        ? abs.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length()))
        : abs;
  }

  /**
   * The store's path as it may stand in an H2 URL. H2 reads everything after the first {@code ;} as
   * settings ({@code INIT=} runs SQL), and a path cannot escape it, so a path holding one is
   * refused, unless only the working folder above it does: then the path relative to it (which H2
   * resolves against the working folder) is used instead.
   *
   * @throws InvalidInputException naming {@code --db}
   */
  static String urlPath(Path abs, Path workingFolder) {
    String path = abs.toString();
    if (!hasUrlSyntax(path)) {
      return path;
    }
    if (abs.startsWith(workingFolder) && !abs.equals(workingFolder)) {
      String relative = "./" + workingFolder.relativize(abs).toString().replace('\\', '/');
      if (!hasUrlSyntax(relative)) {
        return relative;
      }
    }
    throw new InvalidInputException(
        null,
        0,
        "--db",
        "the store path '"
            + path
            + "' holds ';' or a control character, which the H2 URL would read as settings;"
            + " give --db a path without them");
  }

  private static boolean hasUrlSyntax(String path) {
    return path.chars().anyMatch(c -> c == ';' || c < 0x20 || c == 0x7f);
  }

  /** A private in-memory store that lives while the JVM does; {@code name} keeps tests apart. */
  public static Database inMemory(String name) {
    return migrated(new Database("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", false));
  }

  /**
   * A store at a JDBC URL: an H2 URL, or a PostgreSQL server that several daemons may share ({@code
   * jdbc:postgresql://host:5432/carbonshift}); the schema is migrated on open.
   *
   * @param user the database user ({@code CARBONSHIFT_DB_USER}), or empty for the URL's own
   * @param password the password ({@code CARBONSHIFT_DB_PASSWORD}), or empty; never logged
   */
  public static Database url(String jdbcUrl, String user, String password) {
    Database db = new Database(jdbcUrl, user, password, false);
    if (db.dialect == Dialect.POSTGRESQL) {
      try {
        db.server = new ServerPool(jdbcUrl, user, password);
      } catch (RuntimeException e) {
        throw new StoreException(
            "cannot connect to the store at " + Dialect.redacted(jdbcUrl) + ": " + e.getMessage(),
            e);
      }
    }
    return migrated(db);
  }

  /** The database the store runs on, and what follows from it. */
  public Dialect dialect() {
    return dialect;
  }

  private static Database migrated(Database db) {
    try {
      MigrateResult result =
          (db.server != null
                  ? Flyway.configure().dataSource(db.server.dataSource())
                  : Flyway.configure().dataSource(db.url, db.user, db.password))
              .locations(db.dialect.migrationLocations())
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info(
            "store {}: applied {} migrations, schema now at version {}",
            Dialect.redacted(db.url),
            result.migrationsExecuted,
            result.targetSchemaVersion);
      }
    } catch (RuntimeException e) {
      // a store that did not open is not one of the open ones that a last close shuts down
      if (db.embeddedFile) {
        OPEN.get(db.url).decrementAndGet();
      }
      if (db.server != null) {
        db.server.close();
      }
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SQLException sql && sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
          throw new StoreException(
              "the store at "
                  + db.url
                  + " is damaged: "
                  + sql.getMessage()
                  + ". Restore it from a backup, or move it away to start an empty store",
              e);
        }
      }
      throw new StoreException(
          "cannot open or migrate the store at " + Dialect.redacted(db.url) + ": " + e, e);
    }
    return db;
  }

  /** How long the host of a file store waits for other processes' sessions before it shuts down. */
  static final Duration CLIENTS_WAIT = Duration.ofSeconds(15);

  /**
   * Waits, within {@link #CLIENTS_WAIT}, until no other process has a session on the store this
   * process hosts: a shutdown would cut their connections mid-transaction (a CLI verb that ran
   * alongside this one, handed a TCP connection by H2's auto-server). After the wait they reconnect
   * and one of them becomes the host.
   */
  private static void awaitClients(Connection c) throws SQLException {
    long deadline = System.nanoTime() + CLIENTS_WAIT.toNanos();
    try (Statement s = c.createStatement()) {
      while (System.nanoTime() - deadline < 0) {
        try (java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE CLIENT_ADDR IS NOT NULL")) {
          if (!rs.next() || rs.getLong(1) == 0) {
            return;
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  public String url() {
    return url;
  }

  /**
   * A connection, from a pool for an H2 store (opening one costs a password hash and a session,
   * which bounded submissions to a few hundred a second). Its auto-commit is on whatever the
   * previous user left, so a transaction never leaks from one user to the next.
   */
  public Connection connect() {
    try {
      ServerPool s = server;
      if (s != null) {
        Connection c = s.connection();
        c.setAutoCommit(true);
        return c;
      }
      if (!url.startsWith("jdbc:h2:")) {
        return DriverManager.getConnection(url, user, password);
      }
      if (!embeddedFile) {
        return pooled();
      }
      // another process may be taking over as the file's host just now (see StoreBusy)
      return StoreBusy.waiting(this::pooled, StoreBusy.DEFAULT_WAIT, url, "beside it");
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the store at " + url, e);
    }
  }

  private Connection pooled() {
    try {
      Connection c = pool().getConnection();
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the store at " + Dialect.redacted(url), e);
    }
  }

  private JdbcConnectionPool pool() {
    JdbcConnectionPool p = pool;
    if (p == null) {
      synchronized (this) {
        p = pool;
        if (p == null) {
          p = JdbcConnectionPool.create(url, user, password);
          p.setMaxConnections(POOL_SIZE);
          pool = p;
        }
      }
    }
    return p;
  }

  public Jdbc jdbc() {
    return new Jdbc(this);
  }

  /**
   * Shuts an H2 file store down cleanly: with {@code DB_CLOSE_DELAY=-1} it otherwise stays open,
   * its lock file and writer thread alive, until the JVM exits (so a test cannot delete its temp
   * folder). Only a store this process hosts is shut down: a connection handed over by another
   * process's auto-server would shut down that process's store. In-memory and URL stores are left
   * alone.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.close();
      return;
    }
    JdbcConnectionPool p;
    synchronized (this) {
      p = pool;
      pool = null;
    }
    boolean last = embeddedFile && OPEN.get(url).decrementAndGet() == 0;
    try {
      if (last) {
        // shut down on a connection of the pool itself, so that no other session is left open
        try (Connection c =
            p != null ? p.getConnection() : DriverManager.getConnection(url, user, password)) {
          if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionRemote)) {
            awaitClients(c);
            try (Statement s = c.createStatement()) {
              s.execute("SHUTDOWN");
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot close the store at " + url, e);
    } finally {
      if (p != null) {
        p.dispose();
      }
    }
  }
}
