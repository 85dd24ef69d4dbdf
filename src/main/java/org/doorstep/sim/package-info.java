/**
 * The virtual video doorbell: a porch scene rendered once with FFmpeg (libopenh264, cached under
 * {@code <dataDir>/cache/sim}) and served over RTSP on loopback, with a scripted visitor and slow light
 * changes.
 *
 * <ul>
 *   <li>{@code rtsp://127.0.0.1:<port>/main} — main stream, H.264 Constrained Baseline, default 1280x720 15 fps</li>
 *   <li>{@code rtsp://127.0.0.1:<port>/sub} — sub stream, default 640x360 15 fps</li>
 *   <li>Track controls {@code trackID=0} (video) and {@code trackID=1} (audio: AAC mpeg4-generic 16 kHz or
 *       PCMU 8 kHz, when configured); RTP over TCP (interleaved) or UDP; Digest auth (and Basic on request)
 *       when a user is set.</li>
 * </ul>
 *
 * <p>{@link org.doorstep.sim.VirtualDoorbell} is the entry point; {@link org.doorstep.sim.VirtualDoorbell#schedule()}
 * is the ground truth of visits and {@link org.doorstep.sim.DoorbellEventListener} reports motion and rings as
 * the pictures showing them are sent.
 */
package org.doorstep.sim;
