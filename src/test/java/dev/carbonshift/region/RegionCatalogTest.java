package dev.carbonshift.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegionCatalogTest {
  private static final Path SHIPPED = Path.of("regions");

  @TempDir Path dir;

  @Test
  void loads_the_seven_shipped_regions_sorted_by_file() {
    RegionCatalog catalog = RegionCatalog.load(SHIPPED);

    assertThat(catalog.ids())
        .containsExactly("de", "es", "fr", "gb", "no", "se-se3", "us-cal-ciso");
    assertThat(catalog.all()).allSatisfy(r -> assertThat(r.pue()).isBetween(1.0, 3.0));
    assertThat(catalog.all()).allSatisfy(r -> assertThat(r.capacity()).isPositive());
  }

  @Test
  void the_region_no_is_norway_not_the_yaml_boolean_false() {
    Region no = RegionCatalog.load(SHIPPED).find("no").orElseThrow();

    assertThat(no.id()).isEqualTo("no");
    assertThat(no.zone()).isEqualTo("NO");
    assertThat(no.name()).startsWith("Norway");
    assertThat(no.pue()).isEqualTo(1.12);
    assertThat(no.gpus()).isEqualTo(new Gpus("NVIDIA T4", 2, 70));
  }

  @Test
  void optional_fields_are_read_or_defaulted() {
    RegionCatalog catalog = RegionCatalog.load(SHIPPED);
    Region gb = catalog.find("gb").orElseThrow();
    Region fr = catalog.find("fr").orElseThrow();
    Region ca = catalog.find("us-cal-ciso").orElseThrow();

    assertThat(gb.ukRegionId()).isEqualTo(13);
    assertThat(gb.sources()).containsExactly("ukgrid", "electricitymaps", "trace", "yearly");
    assertThat(ca.watttimeRegion()).isEqualTo("CAISO_NORTH");
    assertThat(fr.gpus()).isNull();
    assertThat(fr.trace()).isNull();
    assertThat(catalog.traceOf(fr)).isEmpty();
    assertThat(catalog.traceOf(gb))
        .contains(Path.of("data/traces/GB.csv.gz"))
        .hasValueSatisfying(p -> assertThat(p).exists());
  }

  static Stream<Arguments> badRegions() {
    return Stream.of(
        Arguments.of(
            "missing capacity",
            "# no capacity given\nid: xx\nzone: XX\npue: 1.1\n",
            "capacity",
            2,
            "is required"),
        Arguments.of(
            "pue below 1",
            "id: xx\nzone: XX\npue: 0.9\ncapacity: 2\n",
            "pue",
            3,
            "must be between 1.0 and 3.0"),
        Arguments.of(
            "unknown field",
            "id: xx\nzone: XX\ncapacty: 2\n",
            "capacty",
            3,
            "did you mean 'capacity'"),
        Arguments.of(
            "unknown gpu field",
            "id: xx\nzone: XX\ncapacity: 2\ngpus:\n  model: T4\n  tdpWatt: 70\n",
            "gpus.tdpWatt",
            6,
            "did you mean 'tdpWatts'"),
        Arguments.of(
            "capacity that is not a number",
            "id: xx\nzone: XX\ncapacity: many\n",
            "capacity",
            3,
            "must be a number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegions")
  void rejects_a_bad_region_file_naming_file_field_and_line(
      String why, String text, String field, int line, String problem) throws IOException {
    Path file = Files.writeString(dir.resolve("xx.yaml"), text);

    assertThatThrownBy(() -> RegionCatalog.load(dir))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file.toString());
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.getMessage()).startsWith(file + ":" + line + ": " + field + ": ");
            });
  }

  @Test
  void rejects_a_duplicate_id_naming_the_second_file_and_its_id_line() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "id: de\nzone: DE\ncapacity: 1\n");
    Path second =
        Files.writeString(dir.resolve("b.yaml"), "# a copy\nid: de\nzone: DE\ncapacity: 2\n");

    assertThatThrownBy(() -> RegionCatalog.load(dir))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo(second.toString());
              assertThat(e.field()).isEqualTo("id");
              assertThat(e.problem()).contains("'de'");
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.getMessage()).startsWith(second + ":2: id: ");
            });
  }

  @Test
  void an_empty_or_missing_folder_is_an_error_naming_it() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> RegionCatalog.load(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("no region files");
    assertThatThrownBy(() -> RegionCatalog.load(dir.resolve("absent")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no such regions folder");
  }
}
