package swarmsync.bencode;

/**
 * A bencoded value: an integer, a byte string, a list or a dictionary (BEP 3).
 */
public sealed interface BValue permits BInt, BBytes, BList, BDict {
  /** The value as the named type, or a {@link BencodeException} naming {@code what}. */
  default BInt asInt(String what) throws BencodeException {
    return as(BInt.class, "an integer", what);
  }

  default BBytes asBytes(String what) throws BencodeException {
    return as(BBytes.class, "a byte string", what);
  }

  default BList asList(String what) throws BencodeException {
    return as(BList.class, "a list", what);
  }

  default BDict asDict(String what) throws BencodeException {
    return as(BDict.class, "a dictionary", what);
  }

  private <T extends BValue> T as(Class<T> type, String typeName, String what)
      throws BencodeException {
    if (!type.isInstance(this)) {
      throw new BencodeException(what + " must be " + typeName + ", got "
          + getClass().getSimpleName());
    }
    return type.cast(this);
  }
}
