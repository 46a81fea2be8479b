-- Pulled files about to be renamed into place, with the record they are pulled as (same
-- columns as `files`). Written before the rename, removed once the file is in `files`: a scan
-- after a crash in between adopts a file with this content as this version, not as a local
-- edit.
CREATE TABLE placing (
  folder_id      TEXT NOT NULL,
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
  chunks         BLOB NOT NULL,
  enc_signature  BLOB NOT NULL,
  PRIMARY KEY (folder_id, path)
) WITHOUT ROWID;
