/**
 * The {@code edvt} fork (enshrined distributed validators) on top of Fulu, as specified in
 * {@code ethereum/spec-extensions/specs/edvt/}.
 *
 * <ul>
 *   <li>{@link io.edvt.spec.edvt.datastructures}: the new containers (group registry, registration
 *       and key change operations, the leader-promoted proposal messages) and the modified ones
 *       ({@code signer_bits} on signed envelopes, the body and state with appended fields);
 *   <li>{@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}: their SSZ types per config,
 *       extending Fulu's;
 *   <li>{@link io.edvt.spec.edvt.logic.SpecEdvt}: the milestone's composition root, extending
 *       {@code SpecFulu}, {@link io.edvt.spec.edvt.logic.ForkUpgradeEdvt}, and the EDVT parts it
 *       wires in: {@link io.edvt.spec.edvt.logic.BeaconStateAccessorsEdvt} (virtual indices,
 *       expanded committees, threshold signatures, leaders),
 *       {@link io.edvt.spec.edvt.logic.BlockProcessorEdvt} (attestations, slashings, exits, RANDAO)
 *       and {@link io.edvt.spec.edvt.logic.StateTransitionEdvt} ({@code verify_block_signature});
 *   <li>{@link io.edvt.spec.edvt.SpecVersions} and
 *       {@link io.edvt.spec.edvt.MultiForkStateTransition}: the milestone of an epoch or state, and
 *       {@code process_slots} / {@code state_transition} across the fork.
 * </ul>
 */
package io.edvt.spec.edvt;
