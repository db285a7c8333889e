/** The beacon state and the containers held in it (validators, checkpoints, pending queues). */
package io.edvt.spec.datastructures.state;
