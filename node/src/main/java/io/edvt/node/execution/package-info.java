/**
 * The execution engine of the beacon node: the Engine API (execution-apis, Paris to Osaka) as
 * {@link io.edvt.node.execution.EngineApi}, answered by an execution client over HTTP with JWT
 * ({@code http}) or by the deterministic engine inside the node ({@code embedded}), with the
 * Engine API's JSON forms of the payload types ({@code json}).
 *
 * <p>Entry points: {@link io.edvt.node.execution.ExecutionEngines#create} picks the engine from
 * {@link io.edvt.node.execution.EngineConfig}; the block importer hands the state transition a
 * {@link io.edvt.node.execution.NewPayloadNotifier} (the spec's {@code ExecutionEngine}) and acts
 * on its {@link io.edvt.node.execution.PayloadVerdict}; fork choice calls
 * {@code forkchoiceUpdatedV3} on head changes and the block producer adds payload attributes and
 * then calls {@code getPayloadV5}.
 */
package io.edvt.node.execution;
