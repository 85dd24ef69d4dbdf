package org.doorstep.usecase.erase;

/** What an erase did (the numbers of its receipt). */
public record EraseResult(String scope, int segments, int events, int thumbnails, long bytes, int keysDestroyed,
                          int exports, String receiptId) {}
