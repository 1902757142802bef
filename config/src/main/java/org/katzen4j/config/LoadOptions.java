package org.katzen4j.config;

/**
 * How strictly to read a configuration file.
 *
 * @param strictKeys if true, keys the reference does not know are errors (with file and line);
 *                   if false (the default, as the reference behaves) they are ignored and reported
 *                   only as warnings
 */
public record LoadOptions(boolean strictKeys) {

    /** The reference's behaviour: unknown keys are ignored (reported as warnings). */
    public static final LoadOptions DEFAULT = new LoadOptions(false);

    /** Unknown keys are errors. */
    public static final LoadOptions STRICT = new LoadOptions(true);
}
