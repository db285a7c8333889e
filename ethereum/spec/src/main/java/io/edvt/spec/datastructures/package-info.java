/**
 * Typed SSZ containers of the consensus spec, one class per spec container, with accessors named
 * after the spec fields in camel case.
 *
 * <p>Containers whose layout is the same in every preset have a static {@code TYPE}. The others
 * (most) get their {@code ContainerType} per config from {@link io.edvt.spec.schemas}; their
 * classes hold only the accessors, a {@code FACTORY} for the schema and a {@code create} helper
 * taking the type. {@link io.edvt.spec.datastructures.SpecTypes} has the spec's custom types
 * (Slot, Gwei, BLSSignature, ...) as SSZ types.
 */
package io.edvt.spec.datastructures;
