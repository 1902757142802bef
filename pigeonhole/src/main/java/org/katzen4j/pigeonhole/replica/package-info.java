/**
 * Which replicas store a box ({@link org.katzen4j.pigeonhole.replica.Sharding}), which two replicas an
 * envelope goes through, replica epochs ({@link org.katzen4j.pigeonhole.replica.ReplicaEpochs}) and courier
 * discovery over a minimal view of the PKI document ({@link org.katzen4j.pigeonhole.replica.CourierDiscovery}).
 */
package org.katzen4j.pigeonhole.replica;
