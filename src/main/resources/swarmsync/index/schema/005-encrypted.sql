-- Encrypted folders (docs/protocol.md, "Encrypted folders").
-- Members keep the author's signature over each record's encrypted form, to pass it on.
ALTER TABLE files ADD COLUMN enc_signature BLOB NOT NULL DEFAULT x'';

-- An encrypted host's records: one row per (folder, device, name id); device 0 is what this
-- host stores. `record` holds the canonical encrypted record (no path, no plaintext).
CREATE TABLE enc_records (
  folder_id     TEXT NOT NULL,
  device        INTEGER NOT NULL,
  name_id       BLOB NOT NULL,
  sequence      INTEGER NOT NULL,
  record        BLOB NOT NULL,
  stored_bytes  INTEGER NOT NULL,         -- ciphertext bytes of its chunks
  enc_signature BLOB NOT NULL,
  PRIMARY KEY (folder_id, device, name_id)
) WITHOUT ROWID;

CREATE INDEX enc_records_by_sequence ON enc_records (folder_id, device, sequence);
