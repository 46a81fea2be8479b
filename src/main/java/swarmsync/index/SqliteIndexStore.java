package swarmsync.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.DeviceId;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;

/**
 * The device's index: an SQLite database (WAL) holding folders, every device's file records
 * and the local chunk index. Rows are streamed with cursors, so heap use does not grow with
 * the number of files. One connection, used under this object's lock.
 */
public final class SqliteIndexStore implements AutoCloseable {
  /** Device number of this device in the files table. */
  public static final int LOCAL = 0;

  private static final String FILE_COLUMNS = "path, type, size, mtime_ns, permissions, deleted,"
      + " version, sequence, modified_by, symlink_target, signature, chunks,"
      + " enc_signature";

  /**
   * SQLite's page cache, in KiB: holds the working set of a large folder's index, so lookups
   * do not re-read pages through the kernel (the default 2 MiB made a 10,000-file pull
   * spend most of its CPU copying pages).
   */
  private static final int CACHE_KIB = 32 * 1024;
  /** Bytes of the database file mapped into memory for reads. */
  private static final long MMAP_BYTES = 256L * 1024 * 1024;

  private final Connection db;
  private final Path file;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private int transactionDepth;

  private SqliteIndexStore(Connection db, Path file) {
    this.db = db;
    this.file = file;
  }

  /** Opens (creating if needed) the index at {@code file}, owner-only, and migrates it. */
  public static SqliteIndexStore open(Path file) throws IOException {
    try {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      }
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
        st.execute("PRAGMA busy_timeout=10000");
        st.execute("PRAGMA cache_size=-" + CACHE_KIB);
        st.execute("PRAGMA mmap_size=" + MMAP_BYTES);
        st.execute("PRAGMA temp_store=MEMORY");
      }
      Migrations.apply(db);
      return new SqliteIndexStore(db, file);
    } catch (SQLException e) {
      throw new IOException("opening index " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is stored, or none. */
  public synchronized void inTransaction(Runnable work) {
    if (transactionDepth > 0) {
      transactionDepth++;
      try {
        work.run();
      } finally {
        transactionDepth--;
      }
      return;
    }
    try {
      db.setAutoCommit(false);
      transactionDepth = 1;
      try {
        work.run();
        db.commit();
      } catch (RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        transactionDepth = 0;
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("committing a transaction", e);
    }
  }

  // ---- folders

  public synchronized void addFolder(FolderRow row) {
    update("INSERT INTO folders (folder_id, path, key_text, key_kind, index_id, local_sequence,"
        + " paused, added_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row.folderId(), row.path(),
        row.keyText(), row.keyKind(), row.indexId(), row.localSequence(), row.paused() ? 1 : 0,
        System.currentTimeMillis());
  }

  /** Forgets a folder and every record of it; files on disk are not touched. */
  public synchronized void removeFolder(String folderId) {
    inTransaction(() -> {
      update("DELETE FROM files WHERE folder_id = ?", folderId);
      update("DELETE FROM chunk_index WHERE folder_id = ?", folderId);
      update("DELETE FROM folders WHERE folder_id = ?", folderId);
      update("DELETE FROM enc_records WHERE folder_id = ?", folderId);
      update("DELETE FROM placing WHERE folder_id = ?", folderId);
    });
  }

  public synchronized List<FolderRow> folders() {
    return queryFolders("SELECT * FROM folders ORDER BY path");
  }

  public synchronized Optional<FolderRow> folder(String folderId) {
    return queryFolders("SELECT * FROM folders WHERE folder_id = ?", folderId).stream().findFirst();
  }

  public synchronized void setPaused(String folderId, boolean paused) {
    update("UPDATE folders SET paused = ? WHERE folder_id = ?", paused ? 1 : 0, folderId);
  }

  /** Remembers the folder's public key (checked against its fingerprint by the caller). */
  public synchronized void setPublicKey(String folderId, byte[] publicKey) {
    update("UPDATE folders SET public_key = ? WHERE folder_id = ?", publicKey, folderId);
  }

  /** The folder's public key as last remembered, or an empty array. */
  public synchronized byte[] publicKey(String folderId) {
    try {
      PreparedStatement ps = prepared("SELECT public_key FROM folders WHERE folder_id = ?");
      ps.setString(1, folderId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : new byte[0];
      }
    } catch (SQLException e) {
      throw failure("reading public key of folder " + folderId, e);
    }
  }

  /** Reserves and returns the next sequence number for a local change in the folder. */
  public synchronized long nextLocalSequence(String folderId) {
    try {
      PreparedStatement ps = prepared("UPDATE folders SET local_sequence = local_sequence + 1"
          + " WHERE folder_id = ? RETURNING local_sequence");
      ps.setString(1, folderId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no folder " + folderId + " in the index");
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("reading sequence of folder " + folderId, e);
    }
  }

  // ---- devices

  /** The small number that stands for {@code id} in the files table, assigned on first use. */
  public synchronized int deviceNumber(DeviceId id) {
    update("INSERT OR IGNORE INTO devices (device, device_id) VALUES "
        + "((SELECT COALESCE(MAX(device), 0) + 1 FROM devices), ?)", (Object) id.bytes());
    try {
      PreparedStatement ps = prepared(
        "SELECT device FROM devices WHERE device_id = ?");
      ps.setBytes(1, id.bytes());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw failure("numbering device " + id, e);
    }
  }

  /** Every device ever numbered here: the peers this device has been connected to. */
  public synchronized List<DeviceId> knownDevices() {
    List<DeviceId> devices = new ArrayList<>();
    try (ResultSet rs = prepared("SELECT device_id FROM devices").executeQuery()) {
      while (rs.next()) {
        devices.add(DeviceId.of(rs.getBytes(1)));
      }
    } catch (SQLException e) {
      throw failure("listing known devices", e);
    }
    return devices;
  }

  // ---- file records

  public synchronized Optional<FileRecord> get(String folderId, int device, String path) {
    try {
      PreparedStatement ps = prepared("SELECT " + FILE_COLUMNS
        + " FROM files WHERE folder_id = ? AND device = ? AND path = ?");
      ps.setString(1, folderId);
      ps.setInt(2, device);
      ps.setString(3, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readRecord(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("reading " + path + " of folder " + folderId, e);
    }
  }

  /**
   * The sequence of this device's record of a path, or -1 when there is none: a cheap check
   * that a record read before is still the one held (sequences only grow).
   */
  public synchronized long localSequence(String folderId, String path) {
    return localColumn(folderId, path, "sequence", rs -> rs.getLong(1), -1L);
  }

  /** The inode identity stored with a local record, or empty. */
  public synchronized String localFileKey(String folderId, String path) {
    return localColumn(folderId, path, "file_key", rs -> rs.getString(1), "");
  }

  /** A value read from one column of this device's record of a path, or {@code none}. */
  private <T> T localColumn(String folderId, String path, String column, Column<T> read,
      T none) {
    try {
      PreparedStatement ps = prepared("SELECT " + column + " FROM files"
        + " WHERE folder_id = ? AND device = 0 AND path = ?");
      ps.setString(1, folderId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read.from(rs) : none;
      }
    } catch (SQLException e) {
      throw failure("reading " + column + " of " + path, e);
    }
  }

  /** Reads a value from the current row. */
  @FunctionalInterface
  private interface Column<T> {
    T from(ResultSet rs) throws SQLException;
  }

  /** Stores what this device has at a path and re-points the chunk index at it. */
  public synchronized void putLocal(String folderId, FileRecord record, String fileKey) {
    inTransaction(() -> {
      upsert(folderId, LOCAL, record, fileKey);
      update("DELETE FROM chunk_index WHERE folder_id = ? AND path = ?", folderId, record.path());
      if (record.isFile()) {
        try {
      PreparedStatement ps = prepared("INSERT INTO chunk_index"
            + " (hash_prefix, folder_id, path, offset, length) VALUES (?, ?, ?, ?, ?)");
          for (ChunkRef c : record.chunks()) {
            ps.setLong(1, RecordCodec.hashPrefix(c.hash()));
            ps.setString(2, folderId);
            ps.setString(3, record.path());
            ps.setLong(4, c.offset());
            ps.setInt(5, c.length());
            ps.addBatch();
          }
          ps.executeBatch();
        } catch (SQLException e) {
          throw failure("indexing chunks of " + record.path(), e);
        }
      }
    });
  }

  /** Stores a record another device announced. */
  public synchronized void putRemote(String folderId, int device, FileRecord record) {
    if (device == LOCAL) {
      throw new IllegalArgumentException("putRemote called for the local device");
    }
    upsert(folderId, device, record, "");
  }

  /**
   * Up to {@code limit} of this device's unsigned records in path order after {@code after}:
   * on a node that cannot write, its local changes.
   */
  public synchronized List<FileRecord> unsignedLocalAfter(String folderId, String after,
      int limit) {
    List<FileRecord> page = new ArrayList<>(Math.min(limit, 1024));
    try {
      PreparedStatement ps = prepared("SELECT " + FILE_COLUMNS + " FROM files"
        + " INDEXED BY files_unsigned_local WHERE folder_id = ? AND device = 0"
        + " AND length(signature) = 0 AND path > ? ORDER BY path LIMIT ?");
      ps.setString(1, folderId);
      ps.setString(2, after);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          page.add(readRecord(rs));
        }
      }
    } catch (SQLException e) {
      throw failure("listing unsigned records of folder " + folderId, e);
    }
    return page;
  }

  /**
   * Forgets this device's record of a path and where its chunks were, so the path is needed
   * again from peers (a reverted local change).
   */
  public synchronized void removeLocal(String folderId, String path) {
    inTransaction(() -> {
      update("DELETE FROM files WHERE folder_id = ? AND device = 0 AND path = ?", folderId, path);
      update("DELETE FROM chunk_index WHERE folder_id = ? AND path = ?", folderId, path);
    });
  }

  // ---- pulled files being placed

  /**
   * Notes that a pulled file is about to be renamed into place as {@code record}, so a scan
   * after a crash before {@link #putLocal} can adopt it as that version.
   */
  public synchronized void notePlacing(String folderId, FileRecord r) {
    update("INSERT OR REPLACE INTO placing (folder_id, " + FILE_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", folderId, r.path(),
        r.type().ordinal(), r.size(), r.mtimeNanos(), r.permissions(), r.deleted() ? 1 : 0,
        RecordCodec.encodeVersion(r.version()), r.sequence(), r.modifiedBy(), r.symlinkTarget(),
        r.signature(), RecordCodec.encodeChunks(r.chunks()), r.encSignature());
  }

  /** The record a file at {@code path} was being placed as, if a placement is pending. */
  public synchronized Optional<FileRecord> placing(String folderId, String path) {
    try {
      PreparedStatement ps = prepared("SELECT " + FILE_COLUMNS
        + " FROM placing WHERE folder_id = ? AND path = ?");
      ps.setString(1, folderId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readRecord(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("reading pending placement of " + path, e);
    }
  }

  /** Forgets the pending placement of one path (it is recorded, or was abandoned). */
  public synchronized void donePlacing(String folderId, String path) {
    update("DELETE FROM placing WHERE folder_id = ? AND path = ?", folderId, path);
  }

  /** Forgets every pending placement of a folder (after the scan that could adopt them). */
  public synchronized void clearPlacing(String folderId) {
    update("DELETE FROM placing WHERE folder_id = ?", folderId);
  }

  /** Streams the live (not deleted) paths one device has in a folder. */
  public synchronized void forEachLivePath(String folderId, int device, Consumer<String> action) {
    try {
      PreparedStatement ps = prepared("SELECT path FROM files"
        + " WHERE folder_id = ? AND device = ? AND deleted = 0 ORDER BY path");
      ps.setString(1, folderId);
      ps.setInt(2, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          action.accept(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failure("listing paths of folder " + folderId, e);
    }
  }

  /**
   * Streams the live paths one device has at or below {@code top} (non-empty): {@code top}
   * and the paths that start with "top/". One index range, ["top", "top0"): '0' follows '/'
   * in code-point order, which is how SQLite's BINARY collation compares UTF-8; the few paths
   * of the range that only share the prefix ("top.txt") are dropped here.
   */
  public synchronized void forEachLivePathUnder(String folderId, int device, String top,
      Consumer<String> action) {
    String below = top + "/";
    try {
      PreparedStatement ps = prepared("SELECT path FROM files INDEXED BY files_by_path"
        + " WHERE folder_id = ? AND path >= ? AND path < ? AND device = ? AND deleted = 0"
        + " ORDER BY path");
      ps.setString(1, folderId);
      ps.setString(2, top);
      ps.setString(3, top + "0");
      ps.setInt(4, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String path = rs.getString(1);
          if (path.equals(top) || path.startsWith(below)) {
            action.accept(path);
          }
        }
      }
    } catch (SQLException e) {
      throw failure("listing paths under " + top + " in folder " + folderId, e);
    }
  }

  /** Every device's record of one path in a folder. */
  public synchronized List<DeviceRecord> recordsForPath(String folderId, String path) {
    List<DeviceRecord> found = new ArrayList<>();
    try {
      PreparedStatement ps = prepared("SELECT " + FILE_COLUMNS + ", device"
        + " FROM files INDEXED BY files_by_path WHERE folder_id = ? AND path = ?");
      ps.setString(1, folderId);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new DeviceRecord(rs.getInt(14), readRecord(rs)));
        }
      }
    } catch (SQLException e) {
      throw failure("reading records of " + path, e);
    }
    return found;
  }

  /** Up to {@code limit} distinct paths other devices announced, after {@code after}. */
  public synchronized List<String> remotePathsAfter(String folderId, String after, int limit) {
    List<String> paths = new ArrayList<>(Math.min(limit, 1024));
    try {
      PreparedStatement ps = prepared("SELECT DISTINCT path FROM files"
        + " INDEXED BY files_by_path"
        + " WHERE folder_id = ? AND device != 0 AND path > ? ORDER BY path LIMIT ?");
      ps.setString(1, folderId);
      ps.setString(2, after);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          paths.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failure("listing remote paths of folder " + folderId, e);
    }
    return paths;
  }

  /** The highest sequence among one device's records in a folder (0 if none). */
  public synchronized long maxSequence(String folderId, int device) {
    try {
      PreparedStatement ps = prepared("SELECT COALESCE(MAX(sequence), 0)"
        + " FROM files WHERE folder_id = ? AND device = ?");
      ps.setString(1, folderId);
      ps.setInt(2, device);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("reading max sequence of folder " + folderId, e);
    }
  }

  /** Forgets every record one device announced in a folder (its index was reset). */
  public synchronized void dropDevice(String folderId, int device) {
    update("DELETE FROM files WHERE folder_id = ? AND device = ?", folderId, device);
  }

  /** Up to {@code limit} of one device's records with a sequence above {@code after}. */
  public synchronized List<FileRecord> recordsSince(String folderId, int device, long after,
      int limit) {
    List<FileRecord> page = new ArrayList<>(Math.min(limit, 4096));
    try {
      PreparedStatement ps = prepared("SELECT " + FILE_COLUMNS + " FROM files"
        + " WHERE folder_id = ? AND device = ? AND sequence > ? ORDER BY sequence LIMIT ?");
      ps.setString(1, folderId);
      ps.setInt(2, device);
      ps.setLong(3, after);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          page.add(readRecord(rs));
        }
      }
    } catch (SQLException e) {
      throw failure("listing records of folder " + folderId, e);
    }
    return page;
  }

  public synchronized FileCounts counts(String folderId, int device) {
    try {
      PreparedStatement ps = prepared("SELECT"
        + " SUM(CASE WHEN deleted = 0 AND type = 0 THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN deleted = 0 AND type = 1 THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN deleted = 0 AND type = 2 THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN deleted = 0 THEN size ELSE 0 END),"
        + " SUM(deleted) FROM files WHERE folder_id = ? AND device = ?");
      ps.setString(1, folderId);
      ps.setInt(2, device);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new FileCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5));
      }
    } catch (SQLException e) {
      throw failure("counting files of folder " + folderId, e);
    }
  }

  /** Local places that held a chunk whose hash starts like {@code hash}; verify before use. */
  public synchronized List<ChunkLocation> findChunk(ChunkHash hash) {
    List<ChunkLocation> found = new ArrayList<>();
    try {
      PreparedStatement ps = prepared("SELECT folder_id, path, offset, length"
        + " FROM chunk_index WHERE hash_prefix = ? LIMIT 16");
      ps.setLong(1, RecordCodec.hashPrefix(hash));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new ChunkLocation(rs.getString(1), rs.getString(2), rs.getLong(3),
              rs.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw failure("looking up chunk " + hash, e);
    }
    return found;
  }

  /**
   * A prepared statement for {@code sql}, made once and kept: preparing costs more than running
   * the small queries the engine makes per file. Used under this object's lock only.
   */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = db.prepareStatement(sql);
      statements.put(sql, ps);
    }
    ps.clearParameters();
    return ps;
  }

  /** The schema version the database is at ({@code PRAGMA user_version}). */
  synchronized int schemaVersion() {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    } catch (SQLException e) {
      throw failure("reading schema version", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      db.close();
    } catch (SQLException e) {
      throw new IOException("closing index " + file, e);
    }
  }

  /** The records of encrypted hosts, kept in this database (same lock, same transactions). */
  public EncryptedRecordStore encrypted() {
    return new EncryptedRecordStore(this);
  }

  /** Runs one statement for {@link EncryptedRecordStore}, under this store's lock. */
  synchronized <T> T withStatement(String sql, StatementWork<T> work) {
    try {
      return work.run(prepared(sql));
    } catch (SQLException e) {
      throw failure("encrypted records (" + sql.substring(0, Math.min(40, sql.length())) + "…)",
          e);
    }
  }

  /** Work on one prepared statement. */
  @FunctionalInterface
  interface StatementWork<T> {
    T run(PreparedStatement ps) throws SQLException;
  }

  // ---- helpers

  private void upsert(String folderId, int device, FileRecord r, String fileKey) {
    update("INSERT OR REPLACE INTO files (folder_id, device, " + FILE_COLUMNS + ", file_key)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", folderId, device, r.path(),
        r.type().ordinal(), r.size(), r.mtimeNanos(), r.permissions(), r.deleted() ? 1 : 0,
        RecordCodec.encodeVersion(r.version()), r.sequence(), r.modifiedBy(), r.symlinkTarget(),
        r.signature(), RecordCodec.encodeChunks(r.chunks()), r.encSignature(), fileKey);
  }

  private static FileRecord readRecord(ResultSet rs) throws SQLException {
    return new FileRecord(rs.getString(1), FileType.values()[rs.getInt(2)], rs.getLong(3),
        rs.getLong(4), rs.getInt(5), rs.getInt(6) != 0,
        RecordCodec.decodeVersion(rs.getBytes(7)), rs.getLong(8), rs.getLong(9),
        RecordCodec.decodeChunks(rs.getBytes(12)), rs.getString(10), rs.getBytes(11),
        rs.getBytes(13));
  }

  private List<FolderRow> queryFolders(String sql, Object... args) {
    List<FolderRow> rows = new ArrayList<>();
    try {
      PreparedStatement ps = prepared(sql);
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new FolderRow(rs.getString("folder_id"), rs.getString("path"),
              rs.getString("key_text"), rs.getString("key_kind"), rs.getLong("index_id"),
              rs.getLong("local_sequence"), rs.getInt("paused") != 0));
        }
      }
    } catch (SQLException e) {
      throw failure("reading folders", e);
    }
    return rows;
  }

  private void update(String sql, Object... args) {
    try {
      PreparedStatement ps = prepared(sql);
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("updating index (" + sql.substring(0, Math.min(40, sql.length())) + "…)", e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private IndexException failure(String step, SQLException e) {
    return new IndexException(step + " in " + file + ": " + e.getMessage(), e);
  }
}
