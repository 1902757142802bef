package org.katzen4j.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking a configuration file without starting anything (the basis of
 * {@code kpclientd --check-config}): the loaded configuration if there were no errors, every error,
 * and every warning (such as keys the reference ignores).
 */
public record ConfigReport<T>(Optional<T> config, List<ConfigProblem> errors, List<ConfigProblem> warnings) {

    public ConfigReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (config.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a report has a config exactly when it has no errors");
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The configuration, or a {@link ConfigException} with all errors. */
    public T orThrow() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config.orElseThrow();
    }

    /**
     * One line per problem for a command-line check: errors first ({@code error: file:line:col: key:
     * message}), then warnings ({@code warning: ...}).
     */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>(errors.size() + warnings.size());
        errors.forEach(p -> out.add("error: " + p));
        warnings.forEach(p -> out.add("warning: " + p));
        return out;
    }

    static <T> ConfigReport<T> failed(ConfigException e) {
        return new ConfigReport<>(Optional.empty(), e.problems(), List.of());
    }
}
