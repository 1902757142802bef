package org.katzen4j.sphinx.path;

import java.util.List;

import org.katzen4j.sphinx.PathHop;

/**
 * A selected path: the hops (with their commands and epoch keys), the time the packet leaves
 * ({@code baseTimeMillis}) and the estimated time it reaches the end ({@code endTimeMillis} =
 * base + the sum of the NodeDelays).
 */
public record SelectedPath(List<PathHop> hops, long baseTimeMillis, long endTimeMillis) {
    public SelectedPath {
        hops = List.copyOf(hops);
    }

    /** Sum of the hops' delays in milliseconds. */
    public long totalDelayMillis() {
        return endTimeMillis - baseTimeMillis;
    }
}
