package swarmsync.config;

/** A configuration change was refused; the message is one line for the user. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
