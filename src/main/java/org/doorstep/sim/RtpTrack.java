package org.doorstep.sim;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/** Per-client state of one RTP track: transport, SSRC, sequence number, timestamp base, RTCP counters. */
final class RtpTrack {
    final int index;
    final int payloadType;
    final int clockRate;
    /** Interleaved channels for RTP over the RTSP connection, or -1 for UDP. */
    final int rtpChannel;
    final int rtcpChannel;
    final InetSocketAddress rtpDest;
    final InetSocketAddress rtcpDest;
    final int ssrc;
    final int timestampBase;
    int seq;
    long packets;
    long octets;
    long lastReportNanos;

    private RtpTrack(int index, int payloadType, int clockRate, int rtpChannel, int rtcpChannel,
                     InetSocketAddress rtpDest, InetSocketAddress rtcpDest) {
        this.index = index;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtcpChannel;
        this.rtpDest = rtpDest;
        this.rtcpDest = rtcpDest;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.ssrc = r.nextInt();
        this.seq = r.nextInt(0x10000);
        this.timestampBase = r.nextInt();
        this.lastReportNanos = System.nanoTime() - 4_000_000_000L; // first sender report after about a second
    }

    static RtpTrack interleaved(int index, int payloadType, int clockRate, int rtpChannel, int rtcpChannel) {
        return new RtpTrack(index, payloadType, clockRate, rtpChannel, rtcpChannel, null, null);
    }

    static RtpTrack udp(int index, int payloadType, int clockRate, InetSocketAddress rtp, InetSocketAddress rtcp) {
        return new RtpTrack(index, payloadType, clockRate, -1, -1, rtp, rtcp);
    }

    boolean isUdp() {
        return rtpDest != null;
    }

    String ssrcHex() {
        return String.format("%08X", ssrc);
    }
}
