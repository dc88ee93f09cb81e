package dev.carbonshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class LocatedTreeRewriteTest {

  @Test
  void a_rewritten_descriptor_keeps_yaml_boolean_words_as_written_and_real_booleans_as_booleans()
      throws Exception {
    String text =
        "name: x\nregions: [us-cal-ciso, no, gb]\nhome: NO\ninterruptible: true\n"
            + "dataset:\n  flag: off\n  strict: false\n";

    JsonNode written = LocatedTree.parse("x.yaml", text).rootAsWritten();
    String again = new ObjectMapper(new YAMLFactory()).writeValueAsString(written);
    JsonNode reread = LocatedTree.parse("again.yaml", again).root();

    assertThat(reread.get("regions").get(1).asText()).isEqualTo("no");
    assertThat(reread.get("regions").get(1).isTextual()).isTrue();
    assertThat(reread.get("home").asText()).isEqualTo("NO");
    assertThat(reread.get("interruptible").isBoolean()).isTrue();
    assertThat(reread.get("dataset").get("flag").asText()).isEqualTo("off");
    assertThat(reread.get("dataset").get("strict").isBoolean()).isTrue();
    // the plain root still reads the words as YAML 1.1 does: only the rewrite restores them
    assertThat(LocatedTree.parse("x.yaml", text).root().get("regions").get(1).isBoolean()).isTrue();
  }
}
