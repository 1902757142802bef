/**
 * Preparing courier queries ({@link org.katzen4j.pigeonhole.query.QueryPreparer}) and reading courier
 * replies ({@link org.katzen4j.pigeonhole.query.ReplyReader}): the stateless protocol steps under the
 * channel commands. Channel state, persistence semantics and sending belong to the daemon.
 */
package org.katzen4j.pigeonhole.query;
