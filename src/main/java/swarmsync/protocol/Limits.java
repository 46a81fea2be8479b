package swarmsync.protocol;

import swarmsync.record.VersionVector;

/**
 * The protocol's size limits: every length a peer sends is checked against one of these before
 * anything is allocated for it. They are part of the protocol; docs/protocol.md lists them.
 */
public final class Limits {
  /** Bytes in a folder's discovery id (the BitTorrent info_hash it is announced as). */
  public static final int DISCOVERY_ID_BYTES = 20;

  /** Bytes in Hello.session_nonce: 256 random bits, enough that a nonce never repeats. */
  public static final int NONCE_BYTES = 32;

  /** Bytes in a folder's Ed25519 public key. */
  public static final int PUBLIC_KEY_BYTES = 32;

  /** Bytes in an Ed25519 signature. */
  public static final int SIGNATURE_BYTES = 64;

  /** Bytes in a chunk hash (SHA-256). */
  public static final int HASH_BYTES = 32;

  /** Largest join proof, bytes: an HMAC-SHA256 is 32, a signature 64; room to change either. */
  public static final int MAX_PROOF_BYTES = 128;

  /** Largest chunk, bytes (4 MiB): the scanner never cuts a bigger one; a Response holds one. */
  public static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

  /**
   * Largest encrypted chunk, bytes: the largest chunk with its length prefix padded to a
   * 256 KiB bucket, plus the 16-byte GCM tag (docs/protocol.md, "Encrypted folders").
   */
  public static final int MAX_ENCRYPTED_CHUNK_BYTES = MAX_CHUNK_BYTES + 256 * 1024 + 16;

  /** Bytes of an encrypted name id or chunk id (HMAC-SHA256). */
  public static final int ENCRYPTED_ID_BYTES = 32;

  /** Fewest bytes of encrypted metadata: a 12-byte nonce and a 16-byte tag. */
  public static final int MIN_ENCRYPTED_METADATA_BYTES = 28;

  /** Longest path or symlink target, bytes of UTF-8: Linux PATH_MAX. */
  public static final int MAX_PATH_BYTES = 4096;

  /** Longest device name, client name or client version, bytes of UTF-8. */
  public static final int MAX_NAME_BYTES = 256;

  /** Longest Close or FolderJoinResult reason, bytes of UTF-8: one log line. */
  public static final int MAX_REASON_BYTES = 1024;

  /** Most entries in one version vector: {@link VersionVector#MAX_ENTRIES}. */
  public static final int MAX_VERSION_ENTRIES = VersionVector.MAX_ENTRIES;

  /**
   * Most chunks in one FileInfo (2^18). A chunk entry takes at most 52 bytes on the wire, so the
   * largest chunk list is 13 MiB and fits one frame. Known limit: the largest file that can be
   * announced is 2^18 chunks, i.e. 64 GiB at a 256 KiB minimum chunk, 256 GiB at a 1 MiB
   * average and 1 TiB at the 4 MiB maximum.
   */
  public static final int MAX_CHUNKS_PER_FILE = 1 << 18;

  /** Most FileInfos in one Index or IndexUpdate: bounds the records decoded from one frame. */
  public static final int MAX_FILES_PER_MESSAGE = 10_000;

  /**
   * Most repeated entries (files + chunks + version counters + chunk indexes) in one message.
   * An empty entry costs 2 bytes on the wire but about 100 bytes of heap once decoded; this
   * bounds that amplification to ~50 MiB per frame while admitting the largest single FileInfo
   * (MAX_CHUNKS_PER_FILE + MAX_VERSION_ENTRIES + 1 entries).
   */
  public static final int MAX_ENTRIES_PER_MESSAGE = 1 << 19;

  /**
   * Largest value of a frame's length field (type byte + payload), bytes: 16 MiB. Holds the
   * largest FileInfo (13 MiB) with its Index envelope, and a Response of the largest chunk with
   * room to spare. Checked before the frame's bytes are read or allocated.
   */
  public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /** Size an Index batch is cut at, bytes: 4 MiB keeps frames short without many headers. */
  public static final int INDEX_BATCH_BYTES = 4 * 1024 * 1024;

  /**
   * Most Requests a peer may leave unanswered on one connection. A peer that sends more is
   * closed; a puller keeps its window per peer below this.
   */
  public static final int MAX_INCOMING_REQUESTS = 64;

  /**
   * Most bytes a peer may have requested and not yet received on one connection (32 MiB): the
   * queued Responses of one peer cannot use more memory than this.
   */
  public static final int MAX_INCOMING_REQUEST_BYTES = 32 * 1024 * 1024;

  /**
   * Most addresses in one PeerExchange: a swarm's worth of dial targets (one frame of under
   * 1.5 KiB), while a peer cannot make us dial thousands of addresses per message.
   */
  public static final int MAX_EXCHANGED_ADDRESSES = 64;

  /** Highest TCP port number; 0 is never a valid port to dial. */
  public static final int MAX_PORT = 65_535;

  /** Length of an invite proof (HMAC-SHA256) in InviteRedeem and InviteResult. */
  public static final int INVITE_PROOF_BYTES = 32;

  /**
   * Most bytes of the key text in an InviteResult: an A key is 32 characters and a B key 47;
   * room for longer kinds without letting a peer send a large string.
   */
  public static final int MAX_KEY_TEXT_BYTES = 128;

  private Limits() {}
}
