/**
 * Doorstep's own RTSP reader for camera streams over TCP: the RTSP exchange ({@link org.doorstep.media.rtsp.RtspClient},
 * Digest or Basic authentication), the session description ({@link org.doorstep.media.rtsp.Sdp}), and RTP taken apart
 * into H.264 access units and audio frames ({@link org.doorstep.media.rtsp.H264Depacketizer},
 * {@link org.doorstep.media.rtsp.AudioDepacketizer}).
 *
 * <p>Why not FFmpeg's: FFmpeg reads RTSP over TCP a few bytes at a time (the interleaved header's '$', its other three
 * bytes, the packet), each read after a poll: about six system calls per RTP packet, a few thousand a second for one
 * 1080p camera, and with Doorstep's address-checking relay in between, every byte crosses loopback twice. This reader
 * takes what the socket holds, 64 KiB at a time, from the checked address itself (RtspReadCostBench measures both).
 */
package org.doorstep.media.rtsp;
