package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptors written by a careless or hostile user: each a clear error, found quickly. */
class HostileDescriptorTest {
  static final Set<String> REGIONS = Set.of("de", "es", "fr");
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  final JobParser parser = new JobParser(REGIONS, Clock.fixed(NOW, ZoneOffset.UTC), c -> null);

  @TempDir Path dir;

  @Test
  void an_oversized_descriptor_is_refused_before_parsing_stating_the_limit() throws IOException {
    String huge = "name: j\nkind: train\nhome: es\nteam: " + "x".repeat(50 << 20) + "\n";
    Path file = dir.resolve("huge.yaml");
    Files.writeString(file, huge);

    for (var parse :
        java.util.List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
            () -> parser.parse(file), () -> parser.parse("huge.yaml", huge, null))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(parse)
                  .isInstanceOfSatisfying(
                      InvalidInputException.class,
                      e -> assertThat(e.problem()).contains("limit of 1048576 bytes")));
    }
  }
}
