package org.katzen4j.interop.testnet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides the reference network to {@link ReferenceTestnet} classes.
 *
 * <p>Which network:
 * <ol>
 *   <li>one that {@code interop/testnet up} already runs in the testnet directory: reused, never
 *       stopped by the tests;
 *   <li>otherwise, when a Docker engine answers (or {@code -Dkatzen4j.testnet=docker}): one
 *       container built from {@code docker/testnet/Dockerfile};
 *   <li>otherwise, when Go is installed: local processes through {@code interop/testnet};
 *   <li>otherwise the tests are skipped, with the reason.
 * </ol>
 * The network is created once per test run (stored in the root context) and stopped when the
 * run ends, only if this run started it.
 *
 * <p>System properties: {@code katzen4j.testnet} = {@code auto} (default) | {@code process} |
 * {@code docker}; {@code katzen4j.testnet.dir} (default {@code interop/.testnet});
 * {@code katzen4j.testnet.port} (base port, default 30000); {@code katzen4j.interop.dir}.
 */
public final class ReferenceTestnetExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ReferenceTestnetExtension.class);
  private static final String NETWORK = "network";
  private static final String BACKEND = "backend";

  enum Backend { REUSE, DOCKER, PROCESS }

  /** What this machine can run, decided once per test run; empty with a reason if nothing. */
  private record Choice(Backend backend, String reason) {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Choice c = choice(context);
    return c.backend() == null
        ? ConditionEvaluationResult.disabled(c.reason())
        : ConditionEvaluationResult.enabled("reference testnet: " + c.reason());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    network(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ReferenceNetwork.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return network(e);
  }

  private static ReferenceNetwork network(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NS);
    Holder h = store.getOrComputeIfAbsent(NETWORK, k -> new Holder(), Holder.class);
    return h.get(context);
  }

  private static Choice choice(ExtensionContext context) {
    return context.getRoot().getStore(NS)
        .getOrComputeIfAbsent(BACKEND, k -> decide(context), Choice.class);
  }

  private static Choice decide(ExtensionContext context) {
    Optional<Path> interop = interopDir();
    if (interop.isEmpty()) {
      return new Choice(null, "the interop/ directory (with the testnet script) was not found;"
          + " set -Dkatzen4j.interop.dir");
    }
    String mode = context.getConfigurationParameter("katzen4j.testnet")
        .orElse(System.getProperty("katzen4j.testnet", "auto")).toLowerCase(Locale.ROOT);
    Path dir = testnetDir(interop.get());
    if (!mode.equals("docker") && ProcessNetwork.isRunning(dir)) {
      return new Choice(Backend.REUSE, "reusing the network interop/testnet runs in " + dir);
    }
    if (mode.equals("docker") || (mode.equals("auto") && dockerAvailable())) {
      return new Choice(Backend.DOCKER, "Docker container from docker/testnet/Dockerfile");
    }
    if (!onPath("go")) {
      return new Choice(null, "Go is not installed (needed to build and run the reference"
          + " network with interop/testnet) and no Docker engine answers");
    }
    if (!onPath("setsid") || !onPath("timeout")) {
      return new Choice(null, "setsid/timeout (util-linux, coreutils) are needed by interop/testnet");
    }
    return new Choice(Backend.PROCESS, "local processes via interop/testnet");
  }

  private static boolean dockerAvailable() {
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) { // no engine, no socket, misconfigured client: all mean "no Docker"
      return false;
    }
  }

  /** Whether {@code program} is an executable in one of the PATH directories. */
  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The interop module directory (with the testnet script and go.mod): -Dkatzen4j.interop.dir, else
   * the working directory or one of its parents, or their interop/ subdirectory.
   */
  public static Optional<Path> interopDir() {
    String configured = System.getProperty("katzen4j.interop.dir");
    if (configured != null) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("testnet")) && Files.isRegularFile(d.resolve("go.mod"))) {
        return Optional.of(d);
      }
      Path sub = d.resolve("interop");
      if (Files.isRegularFile(sub.resolve("testnet")) && Files.isRegularFile(sub.resolve("go.mod"))) {
        return Optional.of(sub);
      }
    }
    return Optional.empty();
  }

  private static Path testnetDir(Path interop) {
    String configured = System.getProperty("katzen4j.testnet.dir");
    return configured != null ? Path.of(configured).toAbsolutePath() : interop.resolve(".testnet");
  }

  private static int basePort() {
    return Integer.getInteger("katzen4j.testnet.port", 30000);
  }

  /** Starts the network lazily on first use and stops it when the root context closes. */
  static final class Holder implements AutoCloseable {
    private ReferenceNetwork network;
    private RuntimeException failure;

    synchronized ReferenceNetwork get(ExtensionContext context) {
      if (network != null) {
        return network;
      }
      if (failure != null) {
        throw failure;
      }
      Choice c = choice(context);
      if (c.backend() == null) {
        throw new ExtensionConfigurationException(c.reason());
      }
      Path interop = interopDir().orElseThrow();
      Map<String, String> env = new HashMap<>();
      env.put("TESTNET_DIR", testnetDir(interop).toString());
      env.put("TESTNET_PORT", Integer.toString(basePort()));
      try {
        network = switch (c.backend()) {
          case REUSE, PROCESS -> ProcessNetwork.startOrReuse(interop, testnetDir(interop), env);
          case DOCKER -> new ContainerNetwork(interop.getParent(), basePort());
        };
        return network;
      } catch (IOException e) {
        failure = new ParameterResolutionException("could not start the reference testnet: " + e.getMessage(), e);
        throw failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new ParameterResolutionException("interrupted while starting the reference testnet", e);
        throw failure;
      }
    }

    @Override
    public synchronized void close() throws Exception {
      if (network instanceof AutoCloseable a) {
        a.close();
      }
      network = null;
    }
  }
}
