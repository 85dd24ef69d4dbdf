package org.doorstep.usecase.live;

import java.nio.file.Path;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;

/**
 * The virtual doorbell in its own process, so the benchmark's process CPU is the live view's alone. Arguments: main
 * width, main height, scene cache folder. Prints "RTSP main-url sub-url", then serves until stdin closes.
 */
public final class LiveBenchDoorbell {
    private LiveBenchDoorbell() {
    }

    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args[0]);
        int h = Integer.parseInt(args[1]);
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of(args[2])).withVisitEvery(null)
                .withSizes(w, h, 640, 360, 15);
        try (VirtualDoorbell doorbell = new VirtualDoorbell(cfg)) {
            doorbell.start();
            System.out.println("RTSP " + doorbell.rtspUri(VirtualDoorbell.Stream.MAIN) + " "
                    + doorbell.rtspUri(VirtualDoorbell.Stream.SUB));
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our stdin (or dies)
            }
        }
    }
}
