-- One-time keys (C) this device issued. The token t is never stored: token_hash = SHA-256(t)
-- names the invite, proof_key = HKDF(t, "redeem") checks a newcomer's session-bound proof
-- (one-way: neither gives back t or the C key text).
CREATE TABLE invites (
  token_hash   BLOB PRIMARY KEY,            -- SHA-256(t), 32 bytes
  discovery_id TEXT NOT NULL UNIQUE,        -- lower-case hex of the invite's 20-byte id
  proof_key    BLOB NOT NULL,               -- HKDF(t, "redeem", 32)
  folder_id    TEXT NOT NULL,               -- the folder the invite grants
  grants       TEXT NOT NULL,               -- rw | ro
  expires_ms   INTEGER NOT NULL,
  state        TEXT NOT NULL,               -- pending | used | revoked
  created_ms   INTEGER NOT NULL,
  used_ms      INTEGER,                     -- when it was used or revoked
  used_by      BLOB                         -- device id of the newcomer that used it
) WITHOUT ROWID;
