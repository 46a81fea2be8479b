-- Folders shared by this device. The key text is a secret: the database file is owner-only.
CREATE TABLE folders (
  folder_id      TEXT PRIMARY KEY,          -- lower-case hex of the 20-byte discovery id
  path           TEXT NOT NULL UNIQUE,      -- absolute, normalized
  key_text       TEXT NOT NULL,
  key_kind       TEXT NOT NULL,             -- rw | ro | encrypted
  index_id       INTEGER NOT NULL,          -- random; changes when the index is reset
  local_sequence INTEGER NOT NULL DEFAULT 0,
  paused         INTEGER NOT NULL DEFAULT 0,
  added_ms       INTEGER NOT NULL
);

-- Every device we hold file records of; row 0 is this device.
CREATE TABLE devices (
  device     INTEGER PRIMARY KEY,
  device_id  BLOB NOT NULL UNIQUE
);

-- One row per (folder, device, path): what that device announced (device 0: what we have).
CREATE TABLE files (
  folder_id      TEXT NOT NULL,
  device         INTEGER NOT NULL,
  path           TEXT NOT NULL,
  type           INTEGER NOT NULL,
  size           INTEGER NOT NULL,
  mtime_ns       INTEGER NOT NULL,
  permissions    INTEGER NOT NULL,
  deleted        INTEGER NOT NULL,
  version        BLOB NOT NULL,
  sequence       INTEGER NOT NULL,
  modified_by    INTEGER NOT NULL,
  symlink_target TEXT NOT NULL,
  signature      BLOB NOT NULL,
  chunks         BLOB NOT NULL,             -- n x (length:u32, hash:32 bytes); offsets implied
  file_key       TEXT NOT NULL DEFAULT '',  -- local rows only: inode identity
  PRIMARY KEY (folder_id, device, path)
) WITHOUT ROWID;

CREATE INDEX files_by_sequence ON files (folder_id, device, sequence);

-- Where each chunk of a local file sits, for reuse instead of download.
CREATE TABLE chunk_index (
  hash_prefix INTEGER NOT NULL,             -- first 8 bytes of the SHA-256, big-endian
  folder_id   TEXT NOT NULL,
  path        TEXT NOT NULL,
  offset      INTEGER NOT NULL,
  length      INTEGER NOT NULL
);

CREATE INDEX chunk_index_by_hash ON chunk_index (hash_prefix);
CREATE INDEX chunk_index_by_file ON chunk_index (folder_id, path);
