/**
 * Per-config SSZ schemas of each milestone: {@link io.edvt.spec.schemas.SchemaDefinitionsElectra}
 * and {@link io.edvt.spec.schemas.SchemaDefinitionsFulu}, which extends it. See the former for how
 * a later milestone extends them, and {@link io.edvt.spec.schemas.ContainerTypes} for why equal
 * layouts share one type object.
 */
package io.edvt.spec.schemas;
