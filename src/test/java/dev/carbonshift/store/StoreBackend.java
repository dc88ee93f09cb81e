package dev.carbonshift.store;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The backends the store's contract runs on. Every repository test has this one shape:
 * {@code @ParameterizedClass @EnumSource(StoreBackend.class)}, a fresh store per test from {@link
 * #fresh(Path)}, and {@link Fresh#close()} after it. Each backend but the first runs under a JVM
 * time zone far from UTC, so an instant converted through local time anywhere comes back shifted;
 * Newfoundland's also has half-hour offsets and daylight saving.
 */
enum StoreBackend {
  H2_MEMORY(null),
  H2_FILE(ZoneId.of("Pacific/Kiritimati")),
  H2_FILE_NEWFOUNDLAND(ZoneId.of("America/St_Johns")),
  /** Skipped with a message without a server, failed where CI requires one (PostgresTestStore). */
  POSTGRESQL(ZoneId.of("Asia/Kolkata"));

  private final ZoneId zone;

  StoreBackend(ZoneId zone) {
    this.zone = zone;
  }

  /** The JVM zone the store runs under, or null for the JVM's own. */
  ZoneId zone() {
    return zone;
  }

  /** Whether what is written survives closing every connection and opening the store again. */
  boolean persistent() {
    return this != H2_MEMORY;
  }

  /** A fresh, empty, migrated store of this backend; {@code dir} is the test's own folder. */
  Fresh fresh(Path dir) {
    TimeZone saved = TimeZone.getDefault();
    if (zone != null) {
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      resetH2ZoneCache();
    }
    String where =
        switch (this) {
          case H2_MEMORY -> "store-" + UUID.randomUUID();
          case H2_FILE, H2_FILE_NEWFOUNDLAND ->
              dir.resolve("store").resolve("carbonshift").toString();
          case POSTGRESQL -> postgres().freshSchemaUrl();
        };
    Fresh f = new Fresh(this, where, saved);
    f.open();
    return f;
  }

  private static PostgresTestStore postgres() {
    return PostgresTestStore.require();
  }

  /**
   * H2 caches the JVM's zone on first use, and an earlier test in this JVM may already have used
   * it. Called by name: only the store's own code, through JDBC, may depend on H2.
   */
  private static void resetH2ZoneCache() {
    try {
      Class.forName("org.h2.util.DateTimeUtils").getMethod("resetCalendar").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reset H2's cached time zone", e);
    }
  }

  /** One test's store: the first connection, and any opened again on the same data. */
  static final class Fresh implements AutoCloseable {
    private final StoreBackend backend;
    private final String where;
    private final TimeZone savedZone;
    private final List<Database> opened = new ArrayList<>();

    private Fresh(StoreBackend backend, String where, TimeZone savedZone) {
      this.backend = backend;
      this.where = where;
      this.savedZone = savedZone;
    }

    /** A store on this test's data: a new pool, as a second process would open it. */
    Database open() {
      Database db =
          switch (backend) {
            case H2_MEMORY -> Database.inMemory(where);
            case H2_FILE, H2_FILE_NEWFOUNDLAND -> Database.file(Path.of(where));
            case POSTGRESQL -> {
              PostgresTestStore pg = postgres();
              yield Database.url(where, pg.user(), pg.password());
            }
          };
      opened.add(db);
      return db;
    }

    /** The store opened first. */
    Database db() {
      return opened.get(0);
    }

    /** For a file backend, the base path its H2 file is named after. */
    Path base() {
      return Path.of(where);
    }

    @Override
    public void close() {
      for (Database db : opened) {
        db.close();
      }
      if (backend.zone != null) {
        TimeZone.setDefault(savedZone);
        resetH2ZoneCache();
      }
    }
  }
}
