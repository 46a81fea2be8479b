/**
 * The peer protocol: wire messages ({@link swarmsync.protocol.Message}), the bounded frame codec
 * ({@link swarmsync.protocol.FrameCodec}, {@code <len:u32><type:u8><protobuf payload>}), field
 * validation, and {@link swarmsync.protocol.PeerSession}, one session over a pair of streams.
 * The generated protobuf classes ({@code protocol.wire}) never leave this package's mapper.
 *
 * <p>The engine hears a session through {@link swarmsync.protocol.PeerListener}, an interface
 * this package owns, with one method per message it acts on rather than a single
 * {@code onMessage(Message)}: Java 17 has no pattern matching in switch, so one method would
 * push an instanceof chain into every implementation; typed methods let the compiler check that
 * each message is handled, let {@code onRequest} return the answer so the session owns response
 * ids, and keep Ping, Close and Response matching out of the engine's view.
 *
 * <p>Imports keys, record, util; streams yes, sockets never, never the engine.
 */
package swarmsync.protocol;
