package org.doorstep.usecase.cameras;

import java.util.LinkedHashMap;
import java.util.Map;
import org.doorstep.common.UserException;

/**
 * Camera settings refused, with a sentence per field, so a window can show each one under its field and the command
 * line can print them all. Field names are the {@link CameraCatalog.Changes} component names.
 */
public final class InvalidSettingsException extends UserException {
    private final Map<String, String> problems;

    public InvalidSettingsException(Map<String, String> problems) {
        super(String.join(" ", problems.values()), EXIT_USAGE);
        this.problems = Map.copyOf(new LinkedHashMap<>(problems));
    }

    /** Field name to the sentence explaining what is wrong with it. */
    public Map<String, String> problems() {
        return problems;
    }
}
