package io.edvt.groups;

import org.apache.tuweni.bytes.Bytes;

/**
 * The domain types EDVT adds ({@code beacon-chain.md}, Constants, Domains). The fork turns them
 * into 32-byte domains with {@code get_domain(state, domain_type)} and hands those to the rules
 * here; {@link #DOMAIN_GROUP_LEADER} is a seed domain ({@code get_seed}), nothing is signed under
 * it.
 */
public final class GroupDomains {
  /** {@code DOMAIN_GROUP_REGISTRATION = DomainType('0x20000000')}: the own key signs a registration. */
  public static final Bytes DOMAIN_GROUP_REGISTRATION = Bytes.fromHexString("0x20000000");

  /** {@code DOMAIN_GROUP_KEY_CHANGE = DomainType('0x21000000')}: members sign a key change. */
  public static final Bytes DOMAIN_GROUP_KEY_CHANGE = Bytes.fromHexString("0x21000000");

  /** {@code DOMAIN_GROUP_LEADER = DomainType('0x22000000')}: seed domain of the member ranking. */
  public static final Bytes DOMAIN_GROUP_LEADER = Bytes.fromHexString("0x22000000");

  /** {@code DOMAIN_GROUP_KEY_PROOF = DomainType('0x23000000')}: a new key signs its {@code GroupKeyProof}. */
  public static final Bytes DOMAIN_GROUP_KEY_PROOF = Bytes.fromHexString("0x23000000");

  private GroupDomains() {}
}
