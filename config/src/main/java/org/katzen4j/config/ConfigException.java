package org.katzen4j.config;

import java.util.List;

/**
 * A configuration file could not be loaded. Carries every problem found (at least one); the message
 * is the first problem in {@code file:line:column: key: message} form.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** All problems, in file order of discovery; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The first problem's category. */
    public ConfigProblem.Kind kind() {
        return problems.get(0).kind();
    }

    private static String summary(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
