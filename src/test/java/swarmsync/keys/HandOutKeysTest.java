package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** A key's holder may hand out its own key and every weaker one, never a stronger one. */
class HandOutKeysTest {
  private final FolderKey readWrite = FolderKey.newReadWrite(new SecureRandom());

  @Test
  void aReadWriteKeyHandsOutItselfTheReadOnlyAndTheEncryptedKey() {
    assertThat(HandOutKeys.of(readWrite)).containsExactly(readWrite, readWrite.readOnly(),
        readWrite.encrypted());
  }

  @Test
  void aReadOnlyKeyHandsOutItselfAndTheSameEncryptedKeyButNoReadWriteKey() {
    FolderKey readOnly = FolderKey.parse(readWrite.readOnly().encode());
    assertThat(HandOutKeys.of(readOnly)).containsExactly(readOnly, readWrite.encrypted());
  }

  @Test
  void anEncryptedKeyHandsOutOnlyItselfAndAnInviteNothing() {
    FolderKey encrypted = readWrite.encrypted();
    assertThat(HandOutKeys.of(encrypted)).containsExactly(encrypted);
    assertThat(HandOutKeys.of(FolderKey.newInvite(new SecureRandom(), KeyKind.READ_ONLY)))
        .isEmpty();
  }
}
