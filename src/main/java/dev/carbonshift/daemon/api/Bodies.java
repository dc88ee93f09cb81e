package dev.carbonshift.daemon.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading a posted descriptor: bounded in size, strict UTF-8, JSON or YAML. */
final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body, but never more than {@code maxBytes}: a chunked body has no length to
   * check up front, so the limit holds while reading.
   */
  static byte[] readCapped(InputStream in, long maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw ApiException.tooLarge(maxBytes);
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // Usually the client went away mid-upload; nothing was stored.
      throw ApiException.badRequest("the request body could not be read to its end");
    }
    return out.toByteArray();
  }

  static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not UTF-8 text");
    }
  }

  /**
   * The name the descriptor is shown as in errors; its extension tells the parser JSON from YAML.
   * The Content-Type decides; without a known one, a body starting with '{' is JSON.
   */
  static String shownAs(String contentType, String text) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*")) {
      return "request.json";
    }
    if (type.matches("(application|text)/(x-)?yaml.*")) {
      return "request.yaml";
    }
    return text.stripLeading().startsWith("{") ? "request.json" : "request.yaml";
  }
}
