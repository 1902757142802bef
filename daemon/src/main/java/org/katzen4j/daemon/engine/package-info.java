/**
 * The daemon's mixnet engine as small services, each owning its state (wired together in
 * {@link org.katzen4j.daemon.DaemonAssembly}):
 *
 * <ul>
 * <li>{@link org.katzen4j.daemon.engine.RequestRouter}: the listener's
 *     {@link org.katzen4j.daemon.listener.Engine}; an exhaustive switch from request kind to handler.</li>
 * <li>{@link org.katzen4j.daemon.engine.LegacyHandler} ({@code send_message}),
 *     {@link org.katzen4j.daemon.engine.ArqService} ({@code send_arq_message}: retransmission,
 *     error 5, GC event), {@link org.katzen4j.daemon.engine.ChannelRequests} (Pigeonhole: refused for now).</li>
 * <li>{@link org.katzen4j.daemon.engine.SendScheduler}: the LambdaP Poisson process and loop decoys.</li>
 * <li>{@link org.katzen4j.daemon.engine.MessageSender} and {@link org.katzen4j.daemon.engine.PacketFactory}:
 *     path selection, SURBs and packets over the current document and gateway session.</li>
 * <li>{@link org.katzen4j.daemon.engine.ReplyRegistry} (SURB id → one sealed entry type) and
 *     {@link org.katzen4j.daemon.engine.ReplyDispatcher} (MessageACK → decrypted reply → app).</li>
 * <li>{@link org.katzen4j.daemon.engine.GatewayService} (dial, backoff, session, polling, consensus
 *     fetch) and {@link org.katzen4j.daemon.engine.PkiWorker} (verified documents per epoch).</li>
 * </ul>
 *
 * Time comes from a {@link org.katzen4j.daemon.engine.TaskScheduler} so every service can be tested
 * on a hand-advanced clock. Leaves to others: thin-client framing and connections (listener), packet
 * formats (sphinx), the wire session (wire), documents (pki).
 */
package org.katzen4j.daemon.engine;
