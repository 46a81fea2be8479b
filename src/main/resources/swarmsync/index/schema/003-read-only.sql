-- The folder's Ed25519 public key once learned (read-only nodes learn it from a peer's
-- FolderJoin and check it against the fingerprint in their key), so that after a restart a
-- read-only node still verifies records and passes the key on while no writer is online.
ALTER TABLE folders ADD COLUMN public_key BLOB NOT NULL DEFAULT x'';

-- This device's unsigned records: on a node that cannot write, its local changes.
CREATE INDEX files_unsigned_local ON files (folder_id, path)
  WHERE device = 0 AND length(signature) = 0;
