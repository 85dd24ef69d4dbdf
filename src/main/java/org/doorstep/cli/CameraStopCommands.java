package org.doorstep.cli;

import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.watch.RecordingStops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep camera stop NAME|--all} and {@code camera resume NAME|--all}: "stop recording now" for an
 * objection. With the data folder free the stop is written and audited here; while the window or {@code record}
 * holds it, the flag is written to the folder and that process stops the camera (and audits it) within seconds.
 */
final class CameraStopCommands {
    private CameraStopCommands() {}

    abstract static class StopOrResume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", descriptionKey = "stop.cli.name")
        String name;

        @Option(names = "--all", descriptionKey = "stop.cli.all")
        boolean all;

        abstract void apply(RecordingStops stops, String camera);

        abstract String doneKey();

        @Override
        public Integer call() {
            Messages m = Messages.of("stop");
            if (all == (name != null)) {
                throw new UserException(m.get("stop.cli.nameOrAll"), UserException.EXIT_USAGE);
            }
            String camera = all ? null : name;
            String who = camera == null ? m.get("stop.cli.allCameras") : camera;
            DoorstepCommand root = DoorstepCommand.of(spec);
            try (Workspace workspace = root.open("doorstep camera " + spec.name())) {
                apply(workspace.recordingStops(), camera);
                spec.commandLine().getOut().println(m.get(doneKey(), who));
                return 0;
            } catch (UserException e) {
                if (e.exitCode() != UserException.EXIT_BUSY) {
                    throw e;
                }
                // the window or `record` holds the folder: it reads the flag within seconds and audits the change
                apply(root.doorstep().recordingStops(root.dataDir), camera);
                spec.commandLine().getOut().println(m.get(doneKey(), who));
                spec.commandLine().getOut().println(m.get("stop.cli.otherProcess"));
                return 0;
            }
        }
    }

    @Command(name = "stop", resourceBundle = "org.doorstep.i18n.stop")
    static final class Stop extends StopOrResume {
        @Override
        void apply(RecordingStops stops, String camera) {
            stops.stop(camera);
        }

        @Override
        String doneKey() {
            return "stop.cli.stopped";
        }
    }

    @Command(name = "resume", resourceBundle = "org.doorstep.i18n.stop")
    static final class Resume extends StopOrResume {
        @Override
        void apply(RecordingStops stops, String camera) {
            stops.resume(camera);
        }

        @Override
        String doneKey() {
            return "stop.cli.resumed";
        }
    }
}
