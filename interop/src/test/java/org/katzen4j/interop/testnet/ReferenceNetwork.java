package org.katzen4j.interop.testnet;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A running reference network as a test sees it. */
public interface ReferenceNetwork {

  /** The kpclientd configuration genconfig wrote ({@code client2/client.toml}). */
  Path clientToml();

  /** The thin-client configuration genconfig wrote ({@code client2/thinclient.toml}). */
  Path thinClientToml();

  /** Where the reference kpclientd listens for thin clients, {@code host:port} over TCP. */
  String thinClientAddress();

  /** The voting directory authorities, as listed in {@link #clientToml()}. */
  List<DirectoryAuthority> directoryAuthorities();

  /** The epoch period every node of this network uses. */
  Duration epochPeriod();

  /** Whether this run started the network (and will stop it at the end). */
  boolean startedByThisRun();

  /**
   * Sends {@code count} pings to the echo service with the reference {@code ping} tool through
   * the reference kpclientd (retrying pings lost right after a new consensus).
   */
  CommandResult referencePing(int count) throws IOException, InterruptedException;

  /** Summary of the current consensus as JSON (gateways, mixes, service nodes, replicas). */
  String consensusSummary() throws IOException, InterruptedException;

  /** Stops one node (SIGKILL when {@code kill}) and starts it again, e.g. {@code gateway1}. */
  CommandResult restart(String node, boolean kill) throws IOException, InterruptedException;

  /** Blocks until the current consensus lists every node again. */
  CommandResult awaitConsensus(Duration timeout) throws IOException, InterruptedException;

  /** Exit status and combined output of a testnet command. */
  record CommandResult(int exitCode, String output) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }
}
