/**
 * The Beacon API (the standard {@code /eth/...} endpoints and EDVT's own under {@code /edvt/v1/}) on
 * Javalin.
 *
 * <p>The API reads the node only through {@link io.edvt.node.api.NodeData} and the small
 * interfaces it returns ({@link io.edvt.node.api.ChainReader}, {@link io.edvt.node.api.OperationPools},
 * {@link io.edvt.node.api.NetworkView}, {@link io.edvt.node.api.ChainEvents}): the chain, the
 * pools and the network implement them, the API never reaches into them. Everything the API
 * derives from those primitives (resolving {@code block_id} and {@code state_id}, advancing a
 * state through empty slots, validator statuses, committees, rewards) lives here, so it is
 * tested once against real blocks and states.
 *
 * <p>One handler class per endpoint group registers its routes in a {@link
 * io.edvt.node.api.RouteTable}, which also feeds the OpenAPI description; {@link
 * io.edvt.node.api.ApiServer} only starts and stops the server and installs the cross-cutting
 * policies (host allowlist, CORS, body limit, error shape).
 */
package io.edvt.node.api;
