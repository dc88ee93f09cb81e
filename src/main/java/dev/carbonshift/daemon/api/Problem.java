package dev.carbonshift.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carbonshift.config.InvalidInputException;
import java.util.List;

/**
 * An RFC 9457 problem details document. Types are URNs: stable names a client can switch on,
 * without promising a page behind them.
 *
 * @param errors field errors of a rejected descriptor; empty for other problems
 */
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<InvalidInputException> errors) {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:carbonshift:problem:";

  Problem {
    errors = List.copyOf(errors);
  }

  static Problem of(String slug, String title, int status, String detail, String instance) {
    return new Problem(TYPE_PREFIX + slug, title, status, detail, instance, List.of());
  }

  String toJson() {
    ObjectNode n = Json.object();
    n.put("type", type).put("title", title).put("status", status);
    n.put("detail", detail).put("instance", instance);
    if (!errors.isEmpty()) {
      ArrayNode a = n.putArray("errors");
      for (InvalidInputException e : errors) {
        ObjectNode o = a.addObject().put("file", e.file());
        if (e.line() > 0) {
          o.put("line", e.line());
        } else {
          o.putNull("line");
        }
        o.put("field", e.field()).put("message", e.problem());
      }
    }
    return Json.write(n);
  }
}
