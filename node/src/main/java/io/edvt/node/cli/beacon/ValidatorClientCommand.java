package io.edvt.node.cli.beacon;

import io.edvt.node.cli.ExitCodes;
import io.edvt.node.config.DataConfig;
import io.edvt.node.logging.LogSetup;
import io.edvt.node.validatorclient.ValidatorClient;
import io.edvt.node.validatorclient.ValidatorClientConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code edvt validator-client}: the validators' duties against one or more beacon nodes over the
 * standard Beacon API, with Teku's flag spellings (the network, data, metrics, logging and
 * validator flags are the beacon node's own mixins). Runs until SIGTERM/SIGINT.
 */
@Command(name = "validator-client", aliases = "vc", sortOptions = false, usageHelpAutoWidth = true,
    description = "Run validator duties (attest, aggregate, propose) against beacon nodes over the Beacon API.")
public final class ValidatorClientCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = {"--beacon-node-api-endpoint", "--beacon-node-api-endpoints"}, paramLabel = "<URL>", split = ",",
      arity = "1..*", required = true,
      description = "Beacon node API URLs in order of preference; a failing one (refused, 5xx, timeout) is skipped for the next.")
  private List<String> beaconNodes = new ArrayList<>();

  @Option(names = "--validators-graffiti", paramLabel = "<STRING>",
      description = "Graffiti of proposed blocks, at most 32 bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
  private String graffiti = "edvt";

  @Mixin(name = "Network and genesis") private NetworkFlags network;
  @Mixin(name = "Data and storage") private DataFlags data;
  @Mixin(name = "Metrics") private MetricsFlags metrics;
  @Mixin(name = "Logging") private LoggingFlags logging;
  @Mixin(name = "Validator") private ValidatorFlags validator;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ValidatorClientConfig config = resolve(warning -> err.println(spec.qualifiedName() + ": warning: " + warning));
    LogSetup.apply(config.logging());
    CountDownLatch stopped = new CountDownLatch(1);
    ValidatorClient[] client = new ValidatorClient[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      synchronized (client) {
        if (client[0] != null) {
          client[0].close();
        }
      }
    }, "shutdown"));
    try {
      ValidatorClient started = ValidatorClient.start(config, InstantSource.system(), () -> stopped.getCount() > 0);
      synchronized (client) {
        client[0] = started;
      }
      started.fatalError().thenRun(stopped::countDown);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("edvt validator-client: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (client) {
      if (client[0].fatalError().isDone()) {
        err.println("edvt validator-client: " + client[0].fatalError().join());
        err.flush();
        client[0].close();
        return ExitCodes.FAILED;
      }
    }
    return ExitCodes.OK;
  }

  ValidatorClientConfig resolve(java.util.function.Consumer<String> warn) {
    List<URI> urls = new ArrayList<>();
    for (String url : beaconNodes) {
      URI uri;
      try {
        uri = URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--beacon-node-api-endpoint '" + url + "' is not a URL: " + e.getMessage());
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "--beacon-node-api-endpoint '" + url
            + "' is not an http(s)://host[:port] URL");
      }
      urls.add(uri);
    }
    var validatorConfig = validator.toConfig();
    if (!validatorConfig.hasKeys()) {
      throw new ParameterException(spec.commandLine(), "--validator-keys is required: the client needs keys to act for");
    }
    try {
      io.edvt.node.validator.production.EngineBlockProducer.graffiti(graffiti);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--validators-graffiti: " + e.getMessage());
    }
    DataConfig dataConfig = data.toConfig();
    return new ValidatorClientConfig(network.toConfig(warn), dataConfig, metrics.toConfig(), logging.toConfig(dataConfig),
        validatorConfig, graffiti, urls);
  }

  /** Sets up the command line of this command: grouped help, as beacon-node's. */
  public static void configure(CommandLine validatorClient) {
    validatorClient.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, GroupedHelp::optionList);
  }
}
