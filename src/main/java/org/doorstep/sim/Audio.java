package org.doorstep.sim;

/** The optional audio track of the virtual doorbell. */
public enum Audio {
    NONE,
    /** AAC-LC 16 kHz mono, RTP mpeg4-generic (RFC 3640, AAC-hbr). */
    AAC,
    /** G.711 µ-law 8 kHz mono, RTP payload type 0. */
    PCMU
}
