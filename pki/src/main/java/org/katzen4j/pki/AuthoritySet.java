package org.katzen4j.pki;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The configured directory authorities and how many of them must have signed a consensus. The
 * reference client requires {@code floor(n/2) + 1} of the {@code n} configured authorities.
 */
public final class AuthoritySet {
    private final List<Authority> authorities;
    private final int threshold;

    private AuthoritySet(List<Authority> authorities, int threshold) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("no directory authorities configured");
        }
        if (threshold < 1 || threshold > authorities.size()) {
            throw new IllegalArgumentException("threshold " + threshold + " must be in 1.." + authorities.size());
        }
        this.authorities = Collections.unmodifiableList(new ArrayList<>(authorities));
        this.threshold = threshold;
    }

    /** The reference rule: a majority, {@code n/2 + 1}. */
    public static AuthoritySet of(List<Authority> authorities) {
        return new AuthoritySet(authorities, majority(authorities.size()));
    }

    /** An explicit threshold (at most the number of authorities). */
    public static AuthoritySet withThreshold(List<Authority> authorities, int threshold) {
        return new AuthoritySet(authorities, threshold);
    }

    public static int majority(int n) {
        return n / 2 + 1;
    }

    public List<Authority> authorities() {
        return authorities;
    }

    public int threshold() {
        return threshold;
    }

    public int size() {
        return authorities.size();
    }

    @Override
    public String toString() {
        return "AuthoritySet[" + authorities.stream().map(Authority::name).toList() + ", threshold " + threshold + "]";
    }
}
