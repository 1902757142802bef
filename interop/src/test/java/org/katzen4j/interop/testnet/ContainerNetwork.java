package org.katzen4j.interop.testnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The reference network inside one Docker container built from {@code docker/testnet/Dockerfile}.
 *
 * <p>The container runs {@code interop/testnet up; interop/testnet wait} with host networking, so
 * the addresses genconfig bakes into the configs ({@code 127.0.0.1:PORT}) are the same inside
 * and outside; the configs are copied out to a host directory. Host networking needs a Linux
 * Docker engine. Untested on the machines this project is developed on (no Docker engine).
 */
final class ContainerNetwork implements ReferenceNetwork, AutoCloseable {

  static final String IMAGE = "katzen4j/reference-testnet:v0.0.70";
  private static final String HOME = "/katzen4j/interop";
  private static final String TESTNET_DIR = HOME + "/.testnet";

  private final GenericContainer<?> container;
  private final Path hostDir;
  private final TestnetEnv settings;
  private final List<DirectoryAuthority> authorities;

  @SuppressWarnings("resource") // closed in close()
  ContainerNetwork(Path repoRoot, int basePort) throws IOException {
    ImageFromDockerfile image = new ImageFromDockerfile(IMAGE, false)
        .withDockerfilePath("docker/testnet/Dockerfile")
        .withFileFromPath("docker/testnet/Dockerfile", repoRoot.resolve("docker/testnet/Dockerfile"))
        .withFileFromPath("interop/go.mod", repoRoot.resolve("interop/go.mod"))
        .withFileFromPath("interop/go.sum", repoRoot.resolve("interop/go.sum"))
        .withFileFromPath("interop/oracle", repoRoot.resolve("interop/oracle"))
        .withFileFromPath("interop/build-reference.sh", repoRoot.resolve("interop/build-reference.sh"))
        .withFileFromPath("interop/testnet", repoRoot.resolve("interop/testnet"));
    container = new GenericContainer<>(image)
        .withNetworkMode("host")
        .withEnv("TESTNET_PORT", Integer.toString(basePort))
        .withEnv("TESTNET_DIR", TESTNET_DIR)
        .waitingFor(Wait.forLogMessage(".*testnet: time to consensus.*", 1)
            .withStartupTimeout(ProcessNetwork.START_TIMEOUT));
    container.start();
    try {
      hostDir = Files.createTempDirectory("katzen4j-testnet-");
      container.copyFileFromContainer(TESTNET_DIR + "/testnet.env", hostDir.resolve("testnet.env").toString());
      TestnetEnv inContainer = TestnetEnv.read(hostDir.resolve("testnet.env"));
      Path client = hostDir.resolve("client.toml");
      Path thin = hostDir.resolve("thinclient.toml");
      container.copyFileFromContainer(inContainer.get("CLIENT_TOML"), client.toString());
      container.copyFileFromContainer(inContainer.get("THINCLIENT_TOML"), thin.toString());
      java.util.Map<String, String> values = new java.util.HashMap<>(inContainer.values());
      values.put("CLIENT_TOML", client.toString());
      values.put("THINCLIENT_TOML", thin.toString());
      settings = new TestnetEnv(values);
      authorities = ClientTomlAuthorities.read(client);
    } catch (IOException | RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  private CommandResult exec(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = HOME + "/testnet";
    System.arraycopy(args, 0, cmd, 1, args.length);
    ExecResult r = container.execInContainer(cmd);
    return new CommandResult(r.getExitCode(), r.getStdout() + r.getStderr());
  }

  @Override
  public Path clientToml() {
    return Path.of(settings.get("CLIENT_TOML"));
  }

  @Override
  public Path thinClientToml() {
    return Path.of(settings.get("THINCLIENT_TOML"));
  }

  @Override
  public String thinClientAddress() {
    return settings.get("THINCLIENT_ADDRESS");
  }

  @Override
  public List<DirectoryAuthority> directoryAuthorities() {
    return authorities;
  }

  @Override
  public Duration epochPeriod() {
    return settings.epochPeriod();
  }

  @Override
  public boolean startedByThisRun() {
    return true;
  }

  @Override
  public CommandResult referencePing(int count) throws IOException, InterruptedException {
    return exec("ping", Integer.toString(count));
  }

  @Override
  public String consensusSummary() throws IOException, InterruptedException {
    CommandResult r = exec("consensus");
    if (!r.succeeded()) {
      throw new IOException("no current consensus: " + r.output());
    }
    return r.output().strip();
  }

  @Override
  public CommandResult restart(String node, boolean kill) throws IOException, InterruptedException {
    return kill ? exec("restart", "--kill", node) : exec("restart", node);
  }

  @Override
  public CommandResult awaitConsensus(Duration timeout) throws IOException, InterruptedException {
    return exec("wait", Long.toString(timeout.toSeconds()));
  }

  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return "reference testnet (container " + IMAGE + ")";
  }
}
