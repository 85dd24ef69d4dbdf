package org.doorstep.cli;

import picocli.CommandLine;

/** Version from the jar manifest, so it is written in one place: the pom. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = DoorstepCommand.class.getPackage().getImplementationVersion();
        return new String[] {"Doorstep " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
