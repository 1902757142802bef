/**
 * Pigeonhole: BACAP capabilities and boxes, MKEM envelopes, courier and replica messages, the Pigeonhole geometry and replica sharding. Depends on crypto and sphinx.
 */
package org.katzen4j.pigeonhole;
