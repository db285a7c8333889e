package io.edvt.node.cli.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Cli;
import io.edvt.node.cli.ExitCodes;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@code edvt group}'s help and its refusals of bad flags, each a one-line error naming the flag,
 * before any node is asked (or, for the endpoint, when it cannot be one). The operations themselves
 * are tested against running nodes (GroupOperationsTest, GroupOperationsNetworkTest).
 */
class GroupCommandsTest {
  private static final String NODE = "--beacon-node-api-endpoint=http://127.0.0.1:1";
  private static final String SIGNERS = "--member-keys=/nowhere/keys:/nowhere/secrets";

  @Test
  void everyCommandHasHelpListingItsFlags() {
    Cli.Result group = Cli.run("group", "--help");
    assertThat(group.exitCode()).isZero();
    assertThat(group.out()).contains("register", "exit", "change-key");
    Cli.Result changeKey = Cli.run("group", "change-key", "--help");
    assertThat(changeKey.exitCode()).isZero();
    assertThat(changeKey.out()).contains("--beacon-node-api-endpoint", "--validator", "--member-keys", "--replace-member",
        "--add-member", "--remove-member", "--new-key", "--new-threshold", "--accept-unsafe-threshold", "--dry-run");
    // the shared flags read the same in every command
    for (String command : new String[] {"register", "exit", "change-key"}) {
      assertThat(Cli.run("group", command, "--help").out()).contains("--beacon-node-api-endpoint=<URL>", "--dry-run");
    }
  }

  @Test
  void aKeyChangeWithoutAChangeIsRefused() {
    assertOneLineError(Cli.run("group", "change-key", NODE, "--validator=0", SIGNERS),
        "name a change: --replace-member, --add-member, --remove-member or --new-threshold");
  }

  @Test
  void aNewKeyGoesWithReplaceOrAddOnly() {
    assertOneLineError(Cli.run("group", "change-key", NODE, "--validator=0", SIGNERS, "--add-member"),
        "--add-member needs --new-key <KEYSTORE>:<PASSWORD>");
    assertOneLineError(Cli.run("group", "change-key", NODE, "--validator=0", SIGNERS, "--replace-member=1"),
        "--replace-member needs --new-key <KEYSTORE>:<PASSWORD>");
    assertOneLineError(Cli.run("group", "change-key", NODE, "--validator=0", SIGNERS, "--remove-member=1",
        "--new-key=/k:/p"), "--new-key goes with --replace-member or --add-member");
  }

  @Test
  void oneChangeAtATime() {
    Cli.Result r = Cli.run("group", "change-key", NODE, "--validator=0", SIGNERS, "--add-member", "--remove-member=1",
        "--new-key=/k:/p");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void anEndpointThatIsNotHttpOrDoesNotAnswerIsNamed() throws IOException {
    assertOneLineError(Cli.run("group", "change-key", "--beacon-node-api-endpoint=ftp://127.0.0.1", "--validator=0",
        SIGNERS, "--new-threshold=2"), "--beacon-node-api-endpoint ftp://127.0.0.1: not an http(s) URL");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Cli.Result r = Cli.run("group", "exit", "--beacon-node-api-endpoint=http://127.0.0.1:" + closed, "--validator=0", SIGNERS);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("the beacon node at http://127.0.0.1:" + closed + " did not answer");
  }

  private static void assertOneLineError(Cli.Result r, String message) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains(message);
  }
}
