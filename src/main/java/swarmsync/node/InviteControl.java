package swarmsync.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import swarmsync.api.FolderView;
import swarmsync.api.InviteView;
import swarmsync.config.ConfigException;
import swarmsync.config.ConfigStore;
import swarmsync.config.DaemonOptions;
import swarmsync.config.FolderConfig;
import swarmsync.index.InviteRow;
import swarmsync.invite.InviteBook;
import swarmsync.invite.InviteException;
import swarmsync.keys.FolderKey;
import swarmsync.keys.KeyFormatException;
import swarmsync.keys.KeyKind;
import swarmsync.util.Hex;

/**
 * What the REST API may ask of the node's invites: issue, list, revoke, and accept one, which
 * waits for the issuer's answer and then shares the granted folder. Errors are one line.
 */
final class InviteControl {
  /** Shares a folder under a key, as {@code folder add} does. */
  @FunctionalInterface
  interface FolderAdder {
    FolderView add(String path, String key, List<String> peers)
        throws ConfigException, IOException;
  }

  private final InviteDesk desk;
  private final ConfigStore config;
  /** Called when discovery ids changed (issued, used up, or looked for). */
  private final Runnable announceChanges;
  private final Consumer<InetSocketAddress> dial;
  private final Supplier<Collection<PeerLink>> links;
  private final FolderAdder folders;

  InviteControl(InviteDesk desk, ConfigStore config, Runnable announceChanges,
      Consumer<InetSocketAddress> dial, Supplier<Collection<PeerLink>> links,
      FolderAdder folders) {
    this.desk = desk;
    this.config = config;
    this.announceChanges = announceChanges;
    this.dial = dial;
    this.links = links;
    this.folders = folders;
  }

  InviteView create(FolderKey folderKey, boolean readOnly, Duration lifetime)
      throws ConfigException {
    FolderKey invite;
    try {
      invite = desk.book().issue(folderKey, readOnly, lifetime);
    } catch (InviteException e) {
      throw new ConfigException(e.getMessage());
    }
    announceChanges.run();
    String id = Hex.encode(invite.tokenHash());
    InviteRow row = desk.book().list().stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow();
    return view(row, invite.encode());
  }

  List<InviteView> list() {
    return desk.book().list().stream().map(r -> view(r, null)).toList();
  }

  InviteView revoke(String id) throws ConfigException {
    try {
      InviteRow revoked = desk.book().revoke(id);
      announceChanges.run();
      return view(revoked, null);
    } catch (InviteException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * Redeems the invite with whichever connected or found peer issued it, then shares the
   * granted folder at {@code path} (checked first, so a bad path never uses up the invite).
   */
  FolderView accept(String keyText, String path, List<String> peers, Duration timeout)
      throws ConfigException, IOException {
    FolderKey invite;
    try {
      invite = FolderKey.parse(keyText);
    } catch (KeyFormatException e) {
      throw new ConfigException("invalid key: " + e.getMessage());
    }
    if (invite.kind() != KeyKind.INVITE) {
      throw new ConfigException("not a one-time key (C...): use 'folder add' for "
          + invite.kind().jsonName() + " keys");
    }
    config.checkNewFolder(Path.of(path));
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String peer : peers) {
      addresses.add(DaemonOptions.parseAddress(peer));
    }
    CompletableFuture<FolderKey> granted;
    try {
      granted = desk.accept(invite, links.get());
    } catch (InviteException e) {
      throw new ConfigException(e.getMessage());
    }
    FolderKey key;
    try {
      announceChanges.run();
      addresses.forEach(dial);
      key = granted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("no peer that issued this invite answered within "
          + timeout.toSeconds() + " s (is its daemon running? try --peer HOST:PORT)");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the invite's issuer");
    } finally {
      desk.forget(invite);
      announceChanges.run();
    }
    return folders.add(path, key.encode(), peers);
  }

  private InviteView view(InviteRow row, String key) {
    String folder = config.current().folders().stream()
        .filter(f -> FolderKey.parse(f.key()).folderId().equals(row.folderId()))
        .map(FolderConfig::path).findFirst().orElse("");
    String state = desk.book().expired(row) ? "expired" : row.state();
    return new InviteView(InviteBook.shortId(row.tokenHash()), folder, row.folderId(),
        row.grants(), state, Instant.ofEpochMilli(row.expiresMs()).toString(),
        Instant.ofEpochMilli(row.createdMs()).toString(),
        row.usedMs() == null ? null : Instant.ofEpochMilli(row.usedMs()).toString(), key);
  }
}
