package io.edvt.node.network;

import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;

/**
 * Where proposals and sign-offs accepted on the member topics ({@code group_block_proposal},
 * {@code group_block_signoff}, {@code group_exit_signature}, {@code group_key_change_signature}) go: the node's group proposer. Called on a validation worker.
 */
public interface GroupMessages {
  /** A proposal that passed gossip validation, received at {@code receivedAtMillis} (Unix ms). */
  void proposal(GroupBlockProposal proposal, long receivedAtMillis);

  void signoff(GroupBlockSignoff signoff);

  /** A member's signature over its group's exit that passed gossip validation against {@code head}. */
  default void exitSignature(GroupExitSignature signature, BeaconState head) {}

  /** A member's signature over its group's key change that passed gossip validation against {@code head}. */
  default void keyChangeSignature(GroupKeyChangeSignature signature, BeaconState head) {}

  GroupMessages NONE = new GroupMessages() {
    @Override
    public void proposal(GroupBlockProposal proposal, long receivedAtMillis) {}

    @Override
    public void signoff(GroupBlockSignoff signoff) {}
  };
}
