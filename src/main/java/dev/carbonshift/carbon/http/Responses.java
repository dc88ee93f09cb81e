package dev.carbonshift.carbon.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.hc.core5.http.HttpEntity;

/** The parts of reading a response that bound it: redirects, body size, the deadline timer. */
final class Responses {
  private Responses() {}

  /**
   * Ends calls at their deadline by cancelling the request from outside: a blocked read cannot
   * watch the time itself. Daemon thread, so it never keeps the JVM alive.
   */
  static final ScheduledThreadPoolExecutor DEADLINES = deadlineTimer();

  private static ScheduledThreadPoolExecutor deadlineTimer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, "carbonshift-http-deadline");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** A body over the cap; not retried, since the same server would send it again. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxBytes) {
      super("response body larger than " + maxBytes + " bytes (after decompression); not read");
    }
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Scheme, host and port: a redirect from https to http on the same host is another origin. */
  static boolean sameOrigin(URI a, URI b) {
    return origin(a).equals(origin(b));
  }

  static String origin(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() != -1 ? u.getPort() : "https".equals(scheme) ? 443 : 80;
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  /**
   * The body as text, read up to {@code maxBytes}. The entity is already decompressed, so the cap
   * counts what a gzip bomb expands to; the APIs send JSON, which is UTF-8.
   */
  static String readCapped(HttpEntity entity, long maxBytes) throws IOException {
    if (entity == null) {
      return "";
    }
    if (entity.getContentLength() > maxBytes) {
      throw new TooLarge(maxBytes);
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
      total += n;
      if (total > maxBytes) {
        throw new TooLarge(maxBytes);
      }
      out.write(buffer, 0, n);
    }
    in.close();
    return out.toString(StandardCharsets.UTF_8);
  }
}
