package io.edvt.node.wiring;

import io.edvt.node.network.GossipPublisher;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import java.util.Optional;

/**
 * The group proposer's outputs in the beacon node: proposals and sign-offs onto the member topics
 * (nowhere with p2p off: the node's own members are served inside the proposer), the assembled
 * block through the {@link DutyPublisher} (imported, then gossiped, one log line).
 */
final class GroupTopics implements GroupProposer.MemberTopics {
  private static final System.Logger LOG = System.getLogger(GroupTopics.class.getName());

  private final DutyPublisher blocks;
  private final Optional<GossipPublisher> gossip;

  GroupTopics(DutyPublisher blocks, Optional<GossipPublisher> gossip) {
    this.blocks = blocks;
    this.gossip = gossip;
  }

  @Override
  public void proposal(GroupBlockProposal proposal) {
    gossip.ifPresent(g -> g.publishGroupProposal(proposal).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.WARNING, "publishing a group proposal failed: {0}", e.toString());
      }
    }));
  }

  @Override
  public void signoff(GroupBlockSignoff signoff) {
    gossip.ifPresent(g -> g.publishGroupSignoff(signoff).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing a group sign-off failed: {0}", e.toString());
      }
    }));
  }

  @Override
  public void block(SignedBeaconBlock block) {
    blocks.block(block);
  }
}
