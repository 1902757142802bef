package org.katzen4j.interop.testnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The reference network as local processes, driven by the {@code interop/testnet} script. */
final class ProcessNetwork implements ReferenceNetwork, AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private final Path script;
  private final Path testnetDir;
  private final Map<String, String> env;
  private final boolean startedByThisRun;
  private final TestnetEnv settings;
  private final List<DirectoryAuthority> authorities;
  private boolean closed;

  private ProcessNetwork(Path script, Path testnetDir, Map<String, String> env, boolean started)
      throws IOException {
    this.script = script;
    this.testnetDir = testnetDir;
    this.env = Map.copyOf(env);
    this.startedByThisRun = started;
    this.settings = TestnetEnv.read(testnetDir.resolve("testnet.env"));
    this.authorities = ClientTomlAuthorities.read(clientToml());
  }

  /** Whether {@code interop/testnet} already runs a network in {@code testnetDir}. */
  static boolean isRunning(Path testnetDir) {
    Path pids = testnetDir.resolve("pids");
    if (!Files.isRegularFile(pids) || !Files.isRegularFile(testnetDir.resolve("testnet.env"))) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(pids)) {
        String[] f = line.strip().split("\\s+");
        if (f.length >= 1 && !f[0].isEmpty()
            && ProcessHandle.of(Long.parseLong(f[0])).map(ProcessHandle::isAlive).orElse(false)) {
          return true;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }

  /**
   * Reuses the network running in {@code testnetDir}, or starts a fresh one; either way returns
   * once the current consensus lists every node.
   */
  static ProcessNetwork startOrReuse(Path interopDir, Path testnetDir, Map<String, String> env)
      throws IOException, InterruptedException {
    Path script = interopDir.resolve("testnet");
    boolean reuse = isRunning(testnetDir);
    if (!reuse) {
      CommandResult up = run(script, env, Duration.ofMinutes(5), "up");
      System.out.print(up.output());
      if (!up.succeeded()) {
        run(script, env, Duration.ofMinutes(1), "down");
        throw new IOException("interop/testnet up failed:\n" + up.output());
      }
    }
    CommandResult wait =
        run(script, env, START_TIMEOUT.plusMinutes(1), "wait", Long.toString(START_TIMEOUT.toSeconds()));
    System.out.print(wait.output());
    if (!wait.succeeded()) {
      if (!reuse) {
        run(script, env, Duration.ofMinutes(1), "down");
      }
      throw new IOException("the reference network did not reach a complete consensus:\n" + wait.output());
    }
    return new ProcessNetwork(script, testnetDir, env, !reuse);
  }

  static CommandResult run(Path script, Map<String, String> env, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("bash");
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      pump.join(2000);
      return new CommandResult(124, out.toString(StandardCharsets.UTF_8)
          + "\n(interop/testnet " + String.join(" ", args) + " timed out after " + timeout + ")");
    }
    pump.join();
    return new CommandResult(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CommandResult run(Duration timeout, String... args) throws IOException, InterruptedException {
    return run(script, env, timeout, args);
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
    return startedByThisRun;
  }

  @Override
  public CommandResult referencePing(int count) throws IOException, InterruptedException {
    return run(Duration.ofMinutes(6), "ping", Integer.toString(count));
  }

  @Override
  public String consensusSummary() throws IOException, InterruptedException {
    CommandResult r = run(Duration.ofMinutes(2), "consensus");
    if (!r.succeeded()) {
      throw new IOException("no current consensus: " + r.output());
    }
    return r.output().strip();
  }

  @Override
  public CommandResult restart(String node, boolean kill) throws IOException, InterruptedException {
    return kill
        ? run(Duration.ofMinutes(1), "restart", "--kill", node)
        : run(Duration.ofMinutes(1), "restart", node);
  }

  @Override
  public CommandResult awaitConsensus(Duration timeout) throws IOException, InterruptedException {
    return run(timeout.plusMinutes(1), "wait", Long.toString(timeout.toSeconds()));
  }

  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (closed || !startedByThisRun) {
      return;
    }
    closed = true;
    CommandResult down = run(Duration.ofMinutes(2), "down");
    System.out.print(down.output());
    if (!down.succeeded()) {
      throw new IOException("interop/testnet down failed:\n" + down.output());
    }
  }

  @Override
  public String toString() {
    return "reference testnet (processes) in " + testnetDir + (startedByThisRun ? "" : " (reused)");
  }
}
