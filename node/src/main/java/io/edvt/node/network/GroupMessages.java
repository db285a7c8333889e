package io.edvt.node.network;

import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;

/**
 * Where proposals and sign-offs accepted on the member topics ({@code group_block_proposal},
 * {@code group_block_signoff}) go: the node's group proposer. Called on a validation worker.
 */
public interface GroupMessages {
  /** A proposal that passed gossip validation, received at {@code receivedAtMillis} (Unix ms). */
  void proposal(GroupBlockProposal proposal, long receivedAtMillis);

  void signoff(GroupBlockSignoff signoff);

  GroupMessages NONE = new GroupMessages() {
    @Override
    public void proposal(GroupBlockProposal proposal, long receivedAtMillis) {}

    @Override
    public void signoff(GroupBlockSignoff signoff) {}
  };
}
