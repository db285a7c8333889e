package io.edvt.simulator.agents;

/** How a group's members produce a block. */
public enum Strategy {
  /**
   * Leader promotion as specified (validator guide): rank {@code r} may lead from its turn's start
   * if it signed nothing and validates nothing received in time; members sign one block per slot,
   * only a proposal received during its leader's turn ({@code MemberSlot}).
   */
  LEADER_PROMOTION("leader promotion"),
  /** Every leading rank proposes at once; members sign the first proposal they finish validating. */
  RACE("race"),
  /** Only rank 0 proposes; members sign it whenever it arrives, or nothing. */
  FOLLOW_THE_LEADER("follow the leader");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
