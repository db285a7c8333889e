package io.edvt.node.api;

import java.util.List;

/**
 * One operation pool: what it holds ({@code GET}) and a submission ({@code POST}). The pool
 * validates as gossip would and answers per operation; it never throws for a bad operation.
 *
 * @param <T> what the pool holds
 * @param <S> what a client submits (the same type except for attestations, which are submitted as
 *     {@code SingleAttestation} and held aggregated as {@code Attestation})
 */
public interface OperationPool<T, S> {
  List<T> contents();

  SubmitResult submit(S operation);
}
