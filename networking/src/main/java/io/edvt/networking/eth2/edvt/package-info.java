/**
 * EDVT's gossip validation (EDVT's p2p-interface.md): the modified topics as subclasses of Fulu's
 * validators that override only the rules EDVT changes (threshold signatures, expanded committees,
 * virtual indices, the RANDAO member, member equivocations), and the six new topics
 * ({@code group_registration}, {@code group_key_change}, {@code group_block_proposal},
 * {@code group_block_signoff}, {@code group_exit_signature}, {@code group_key_change_signature}).
 * {@link io.edvt.networking.eth2.edvt.EdvtGossipValidators} is the set.
 */
package io.edvt.networking.eth2.edvt;
