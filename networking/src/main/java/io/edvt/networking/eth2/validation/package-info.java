/**
 * Gossip validation, one class per topic, each following the spec's
 * {@code validate_<topic>_gossip} rule by rule and answering with a
 * {@link io.edvt.networking.eth2.validation.ValidationResult}: ACCEPT, IGNORE(reason) or
 * REJECT(reason), the reason in the spec's own words. The validators read the store through
 * {@link io.edvt.networking.eth2.validation.ChainView} and record what they accept in
 * {@link io.edvt.networking.eth2.validation.SeenCaches} (the spec's {@code Seen}); they know neither
 * fork choice nor gossipsub, so the router and the node wire them. EDVT's validators extend these in
 * {@code io.edvt.networking.eth2.edvt}.
 */
package io.edvt.networking.eth2.validation;
