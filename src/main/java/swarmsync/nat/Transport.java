package swarmsync.nat;

/** The transport protocol of a mapping, with the numbers each mapping protocol uses for it. */
public enum Transport {
  TCP(6, 2),
  UDP(17, 1);

  /** IANA protocol number, as PCP carries it. */
  final int ianaNumber;
  /** NAT-PMP opcode of a mapping request for this transport. */
  final int natPmpOpcode;

  Transport(int ianaNumber, int natPmpOpcode) {
    this.ianaNumber = ianaNumber;
    this.natPmpOpcode = natPmpOpcode;
  }
}
