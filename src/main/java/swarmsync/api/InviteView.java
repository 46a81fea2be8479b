package swarmsync.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invite as {@code invite list --json} shows it: its id (a prefix of SHA-256 of the token),
 * the folder, what it grants ({@code rw} or {@code ro}), its state ({@code pending},
 * {@code used}, {@code revoked} or {@code expired}) and times in ISO-8601 UTC. {@code key}, the
 * C key itself, is present only in the answer to creating it: the issuer never stores it.
 */
public record InviteView(String id, String folder, String folderId, String grants,
    String state, String expires, String created, @JsonInclude(JsonInclude.Include.NON_NULL)
    String used, @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

  @Override
  public String toString() {
    return "InviteView[" + id + ", " + folder + ", " + grants + ", " + state + "]";
  }
}
