package org.doorstep.sim;

/**
 * An RTSP session on one connection: the stream it plays and its tracks. It is the stream's sink for this
 * client and hands references to the shared frames to the connection's send queue.
 */
final class RtspSession implements MediaSink {
    final String id;
    final LiveStream stream;
    final RtpTrack[] tracks;
    private final RtspConnection connection;
    volatile boolean playing;
    volatile boolean waitingForKey = true;

    RtspSession(String id, LiveStream stream, RtspConnection connection) {
        this.id = id;
        this.stream = stream;
        this.connection = connection;
        this.tracks = new RtpTrack[stream.trackCount()];
    }

    @Override
    public void video(VideoFrame frame, long tick) {
        RtpTrack t = tracks[0];
        if (!playing || t == null) {
            return;
        }
        if (waitingForKey) {
            if (!frame.key()) {
                return; // start (and restart after drops) at an IDR picture so the client can decode
            }
            waitingForKey = false;
        }
        // RTP carries the presentation time: a B-picture stream sends pictures before (or after) they are shown
        long rtpTime = (tick + frame.displayOffset()) * 90_000L / stream.fps();
        if (!connection.enqueue(new RtspConnection.Outgoing(t, frame, null, rtpTime))) {
            waitingForKey = true;
        }
    }

    @Override
    public void audio(byte[] payload, long sampleTime) {
        RtpTrack t = tracks.length > 1 ? tracks[1] : null;
        if (!playing || t == null) {
            return;
        }
        connection.enqueue(new RtspConnection.Outgoing(t, null, payload, sampleTime));
    }
}
