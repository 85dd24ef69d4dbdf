package org.doorstep.sim;

import java.util.Base64;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One RTSP path ({@code /main} or {@code /sub}): its media description and the sinks of the clients that
 * play it. The pacer publishes every picture once; each sink queues a reference to the shared frame.
 */
public final class LiveStream {
    private final String path;
    private final H264Clip format;
    private final int width;
    private final int height;
    private final int fps;
    private final AudioClip audio;
    private final CopyOnWriteArrayList<MediaSink> sinks = new CopyOnWriteArrayList<>();

    /**
     * @param path   the RTSP path, starting with a slash and without a trailing slash
     * @param format a clip whose SPS/PPS describe every picture of the stream
     * @param audio  the audio loop, or null for video only
     */
    public LiveStream(String path, H264Clip format, int width, int height, int fps, AudioClip audio) {
        if (!path.startsWith("/") || path.endsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("path must look like /name: " + path);
        }
        this.path = path;
        this.format = format;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.audio = audio;
    }

    public String path() {
        return path;
    }

    public int fps() {
        return fps;
    }

    public AudioClip audio() {
        return audio;
    }

    public int trackCount() {
        return audio == null ? 1 : 2;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    void subscribe(MediaSink sink) {
        sinks.addIfAbsent(sink);
    }

    void unsubscribe(MediaSink sink) {
        sinks.remove(sink);
    }

    int subscribers() {
        return sinks.size();
    }

    void publishVideo(VideoFrame frame, long tick) {
        for (MediaSink s : sinks) {
            s.video(frame, tick);
        }
    }

    void publishAudio(byte[] payload, long sampleTime) {
        for (MediaSink s : sinks) {
            s.audio(payload, sampleTime);
        }
    }

    /** The SDP for DESCRIBE; track controls are {@code trackID=0} (video) and {@code trackID=1} (audio). */
    String sdp(long sessionVersion, String serverAddress) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder(512);
        sb.append("v=0\r\n")
          .append("o=- ").append(sessionVersion).append(" 1 IN IP4 ").append(serverAddress).append("\r\n")
          .append("s=Doorstep virtual doorbell ").append(path).append("\r\n")
          .append("c=IN IP4 0.0.0.0\r\n")
          .append("t=0 0\r\n")
          .append("a=control:*\r\n")
          .append("a=range:npt=0-\r\n")
          .append("m=video 0 RTP/AVP 96\r\n")
          .append("a=rtpmap:96 H264/90000\r\n")
          .append("a=fmtp:96 packetization-mode=1;profile-level-id=").append(format.profileLevelId())
          .append(";sprop-parameter-sets=").append(b64.encodeToString(format.sps())).append(',')
          .append(b64.encodeToString(format.pps())).append("\r\n")
          .append("a=framerate:").append(fps).append("\r\n")
          .append("a=x-dimensions:").append(width).append(',').append(height).append("\r\n")
          .append("a=control:trackID=0\r\n");
        if (audio != null) {
            sb.append(audio.sdpMedia()).append("a=control:trackID=1\r\n");
        }
        return sb.toString();
    }
}
