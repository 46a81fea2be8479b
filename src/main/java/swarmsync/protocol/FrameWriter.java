package swarmsync.protocol;

import java.io.IOException;
import java.io.OutputStream;

/** Writes messages as frames ({@code <len:u32><type:u8><payload>}) to a stream. */
public final class FrameWriter {
  private final OutputStream out;

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes one message's frame and flushes it. */
  public void write(Message message) throws IOException {
    out.write(FrameCodec.encode(message));
    out.flush();
  }
}
