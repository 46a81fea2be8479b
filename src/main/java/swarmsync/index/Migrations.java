package swarmsync.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The numbered schema files under {@code swarmsync/index/schema/}, applied in order; the
 * database's {@code user_version} records how many have run.
 */
final class Migrations {
  static final List<String> FILES = List.of("001-initial.sql", "002-files-by-path.sql",
      "003-read-only.sql", "004-invites.sql", "005-encrypted.sql",
      "006-placing.sql");

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    int current;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      current = rs.getInt(1);
    }
    if (current > FILES.size()) {
      throw new SQLException("index schema version " + current + " is newer than this program ("
          + FILES.size() + "); upgrade swarmsync");
    }
    for (int i = current; i < FILES.size(); i++) {
      String sql = load(FILES.get(i));
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String part : sql.split(";\\s*\n")) {
          if (!withoutComments(part).isBlank()) {
            st.execute(part);
          }
        }
        st.execute("PRAGMA user_version = " + (i + 1));
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw new SQLException("applying index migration " + FILES.get(i) + ": " + e.getMessage(),
            e);
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** The statement text with its {@code --} line comments removed. */
  private static String withoutComments(String part) {
    return part.replaceAll("(?m)--.*$", "");
  }

  private static String load(String name) throws SQLException {
    try (InputStream in = Migrations.class.getResourceAsStream("schema/" + name)) {
      if (in == null) {
        throw new SQLException("missing index migration " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("reading index migration " + name, e);
    }
  }
}
