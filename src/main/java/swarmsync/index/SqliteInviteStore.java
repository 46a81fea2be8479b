package swarmsync.index;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code invites} table of the index database, on a connection of its own. Using an invite
 * and revoking one each run in a {@code BEGIN IMMEDIATE} transaction: the write lock is taken
 * before the state is read, so of any number of attempts on any number of connections or
 * processes exactly one sees the invite pending and marks it used.
 */
public final class SqliteInviteStore implements AutoCloseable {
  private static final String COLUMNS = "token_hash, discovery_id, proof_key, folder_id, grants,"
      + " expires_ms, state, created_ms, used_ms";
  /** How long a transaction waits for another connection's write lock, in ms. */
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final Connection db;
  private final Path file;

  private SqliteInviteStore(Connection db, Path file) {
    this.db = db;
    this.file = file;
  }

  /** Opens the invite table of the index at {@code file}, migrating the database if needed. */
  public static SqliteInviteStore open(Path file) throws IOException {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
      }
      Migrations.apply(db);
      return new SqliteInviteStore(db, file);
    } catch (SQLException e) {
      throw new IOException("opening invites in " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized void add(InviteRow row) {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO invites (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setBytes(1, row.tokenHash());
      ps.setString(2, row.discoveryId());
      ps.setBytes(3, row.proofKey());
      ps.setString(4, row.folderId());
      ps.setString(5, row.grants());
      ps.setLong(6, row.expiresMs());
      ps.setString(7, row.state());
      ps.setLong(8, row.createdMs());
      ps.setObject(9, row.usedMs());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("storing an invite", e);
    }
  }

  /** Every invite, newest first. */
  public synchronized List<InviteRow> all() {
    return query("SELECT " + COLUMNS + " FROM invites ORDER BY created_ms DESC, token_hash");
  }

  /** Invites whose id (hex token hash) starts with {@code hexPrefix}. */
  public synchronized List<InviteRow> byIdPrefix(String hexPrefix) {
    return query("SELECT " + COLUMNS + " FROM invites WHERE hex(token_hash) LIKE ? || '%'",
        hexPrefix.toUpperCase(java.util.Locale.ROOT));
  }

  public synchronized Optional<InviteRow> byDiscoveryId(String discoveryId) {
    return query("SELECT " + COLUMNS + " FROM invites WHERE discovery_id = ?", discoveryId)
        .stream().findFirst();
  }

  /** Discovery ids of invites pending and unexpired at {@code nowMs}: the ones to announce. */
  public synchronized List<String> pendingDiscoveryIds(long nowMs) {
    List<String> ids = new ArrayList<>();
    for (InviteRow row : query("SELECT " + COLUMNS + " FROM invites"
        + " WHERE state = 'pending' AND expires_ms > ?", nowMs)) {
      ids.add(row.discoveryId());
    }
    return ids;
  }

  /**
   * Uses the invite if it is pending and unexpired at {@code nowMs}, recording who used it; the
   * check and the change are one immediate transaction, committed before this returns.
   */
  public synchronized InviteUse use(byte[] tokenHash, long nowMs, byte[] usedBy) {
    return immediately("using an invite", () -> {
      Optional<InviteRow> row = byTokenHash(tokenHash);
      if (row.isEmpty()) {
        return InviteUse.UNKNOWN;
      }
      switch (row.get().state()) {
        case InviteRow.USED:
          return InviteUse.ALREADY_USED;
        case InviteRow.REVOKED:
          return InviteUse.REVOKED;
        default:
          break;
      }
      if (nowMs >= row.get().expiresMs()) {
        return InviteUse.EXPIRED;
      }
      setState(tokenHash, InviteRow.USED, nowMs, usedBy);
      return InviteUse.CONSUMED;
    });
  }

  /**
   * Revokes a pending invite; returns what it found: CONSUMED when it revoked it now,
   * ALREADY_USED, REVOKED (already) or UNKNOWN. An expired pending invite is revoked too.
   */
  public synchronized InviteUse revoke(byte[] tokenHash, long nowMs) {
    return immediately("revoking an invite", () -> {
      Optional<InviteRow> row = byTokenHash(tokenHash);
      if (row.isEmpty()) {
        return InviteUse.UNKNOWN;
      }
      if (!row.get().state().equals(InviteRow.PENDING)) {
        return row.get().state().equals(InviteRow.USED) ? InviteUse.ALREADY_USED
            : InviteUse.REVOKED;
      }
      setState(tokenHash, InviteRow.REVOKED, nowMs, null);
      return InviteUse.CONSUMED;
    });
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException("closing invites in " + file, e);
    }
  }

  /** Work inside one transaction that holds the database's write lock from its first read. */
  private interface Work {
    InviteUse run() throws SQLException;
  }

  private InviteUse immediately(String step, Work work) {
    try (Statement st = db.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      try {
        InviteUse result = work.run();
        st.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw failure(step, e);
    }
  }

  private Optional<InviteRow> byTokenHash(byte[] tokenHash) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS
        + " FROM invites WHERE token_hash = ?")) {
      ps.setBytes(1, tokenHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private void setState(byte[] tokenHash, String state, long nowMs, byte[] usedBy)
      throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(
        "UPDATE invites SET state = ?, used_ms = ?, used_by = ? WHERE token_hash = ?")) {
      ps.setString(1, state);
      ps.setLong(2, nowMs);
      ps.setBytes(3, usedBy);
      ps.setBytes(4, tokenHash);
      ps.executeUpdate();
    }
  }

  private List<InviteRow> query(String sql, Object... args) {
    List<InviteRow> rows = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
        }
      }
    } catch (SQLException e) {
      throw failure("reading invites", e);
    }
    return rows;
  }

  private static InviteRow read(ResultSet rs) throws SQLException {
    long usedMs = rs.getLong(9);
    Long used = rs.wasNull() ? null : usedMs;
    return new InviteRow(rs.getBytes(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), used);
  }

  private IndexException failure(String step, SQLException e) {
    return new IndexException(step + " in " + file + ": " + e.getMessage(), e);
  }
}
