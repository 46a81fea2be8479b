package swarmsync.invite;

/** An invite command cannot be done; the message is one line for the user. */
public final class InviteException extends Exception {
  public InviteException(String message) {
    super(message);
  }
}
