package swarmsync.index;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.EncryptedRecord;
import swarmsync.util.Hex;

/**
 * The records an encrypted host holds, per folder, device and name id (device
 * {@link SqliteIndexStore#LOCAL}: what this host stores), and the folder public keys learnt
 * from writers. Nothing here is plaintext: records are kept in their canonical encrypted form.
 */
public final class EncryptedRecordStore {
  private final SqliteIndexStore store;

  EncryptedRecordStore(SqliteIndexStore store) {
    this.store = store;
  }

  /** A record, with the device it came from. */
  public record DeviceEncryptedRecord(int device, EncryptedRecord record) {}

  public void put(String folderId, int device, EncryptedRecord r) {
    byte[] discoveryId = Hex.decode(folderId);
    store.withStatement("INSERT OR REPLACE INTO enc_records (folder_id, device, name_id,"
        + " sequence, record, stored_bytes, enc_signature) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
          ps.setString(1, folderId);
          ps.setInt(2, device);
          ps.setBytes(3, r.nameId());
          ps.setLong(4, r.sequence());
          ps.setBytes(5, CanonicalEncryptedRecord.bytes(discoveryId, r));
          ps.setLong(6, r.storedBytes());
          ps.setBytes(7, r.encSignature());
          return ps.executeUpdate();
        });
  }

  public Optional<EncryptedRecord> get(String folderId, int device, byte[] nameId) {
    List<EncryptedRecord> found = query("SELECT sequence, record, enc_signature"
        + " FROM enc_records WHERE folder_id = ? AND device = ? AND name_id = ?", folderId,
        device, nameId);
    return found.stream().findFirst();
  }

  /** Every device's record of one name. */
  public List<DeviceEncryptedRecord> forName(String folderId, byte[] nameId) {
    byte[] discoveryId = Hex.decode(folderId);
    return store.withStatement("SELECT device, sequence, record, enc_signature FROM enc_records"
        + " WHERE folder_id = ? AND name_id = ?", ps -> {
          ps.setString(1, folderId);
          ps.setBytes(2, nameId);
          List<DeviceEncryptedRecord> list = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              list.add(new DeviceEncryptedRecord(rs.getInt(1), CanonicalEncryptedRecord.parse(
                  discoveryId, rs.getBytes(3), rs.getLong(2), rs.getBytes(4))));
            }
          }
          return list;
        });
  }

  /** Every name id any device announced in a folder, in order. */
  public List<byte[]> names(String folderId) {
    return store.withStatement("SELECT DISTINCT name_id FROM enc_records WHERE folder_id = ?"
        + " ORDER BY name_id", ps -> {
          ps.setString(1, folderId);
          List<byte[]> names = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              names.add(rs.getBytes(1));
            }
          }
          return names;
        });
  }

  /** Up to {@code limit} of one device's records with a sequence above {@code after}. */
  public List<EncryptedRecord> since(String folderId, int device, long after, int limit) {
    return query("SELECT sequence, record, enc_signature FROM enc_records"
        + " WHERE folder_id = ? AND device = ? AND sequence > ? ORDER BY sequence LIMIT "
        + limit, folderId, device, after);
  }

  /** How many records one device has in a folder, and the ciphertext bytes they name. */
  public long[] counts(String folderId, int device) {
    return store.withStatement("SELECT COUNT(*), COALESCE(SUM(stored_bytes), 0)"
        + " FROM enc_records WHERE folder_id = ? AND device = ?", ps -> {
          ps.setString(1, folderId);
          ps.setInt(2, device);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
          }
        });
  }

  public void dropDevice(String folderId, int device) {
    store.withStatement("DELETE FROM enc_records WHERE folder_id = ? AND device = ?", ps -> {
      ps.setString(1, folderId);
      ps.setInt(2, device);
      return ps.executeUpdate();
    });
  }

  /**
   * Remembers the folder's public key P (the caller checked it against fp), in the same place
   * a read-only member keeps it ({@link SqliteIndexStore#setPublicKey}).
   */
  public void putPublicKey(String folderId, byte[] publicKey) {
    store.setPublicKey(folderId, publicKey);
  }

  public Optional<byte[]> publicKey(String folderId) {
    byte[] key = store.publicKey(folderId);
    return key.length == 0 ? Optional.empty() : Optional.of(key);
  }

  private List<EncryptedRecord> query(String sql, String folderId, Object... args) {
    byte[] discoveryId = Hex.decode(folderId);
    return store.withStatement(sql, ps -> {
      bind(ps, folderId, args);
      List<EncryptedRecord> list = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(CanonicalEncryptedRecord.parse(discoveryId, rs.getBytes(2), rs.getLong(1),
              rs.getBytes(3)));
        }
      }
      return list;
    });
  }

  private static void bind(PreparedStatement ps, String folderId, Object... args)
      throws java.sql.SQLException {
    ps.setString(1, folderId);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 2, args[i]);
    }
  }
}
