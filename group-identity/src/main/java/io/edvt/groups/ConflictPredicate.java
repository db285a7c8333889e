package io.edvt.groups;

/**
 * Whether two signed data conflict, i.e. signing both is an offence. Evaluated in argument order,
 * as the spec's predicates are (for example {@code is_slashable_attestation_data(data_1, data_2)}).
 */
@FunctionalInterface
public interface ConflictPredicate<D> {
  boolean conflicts(D first, D second);
}
