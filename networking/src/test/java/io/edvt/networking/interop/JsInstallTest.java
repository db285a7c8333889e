package io.edvt.networking.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The install step fails with a cause a person can act on, rather than skipping the interop tests. */
class JsInstallTest {
  @Test
  void aMissingToolFailsWithItsNameAndWhatItIsFor() {
    Path dir = Path.of("target", "js-missing-tool");
    assertThatThrownBy(() -> JsInstall.toolVersion(dir, "edvt-no-such-node", "Node.js >= 20 runs the js-libp2p test peer"))
        .isInstanceOf(JsUnavailableException.class)
        .hasMessageContaining("edvt-no-such-node is not installed or not on PATH")
        .hasMessageContaining("Node.js >= 20 runs the js-libp2p test peer");
  }

  @Test
  void findsNodeHere() {
    assertThat(JsInstall.toolVersion(Path.of("target", "js-tool-check"), "node", "for the interop tests")).startsWith("v");
  }
}
