#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the libFuzzer targets. A broken invariant aborts: libFuzzer reports it like a crash
// and saves the input (crash-<sha1>) for a regression fixture.
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);    \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

inline QByteArray fuzzBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Splits `bytes` into pieces of 1..7 bytes (sizes taken from the bytes themselves, so a saved
// input replays identically): how a slow network delivers a stream.
template <typename Feed>
void feedInPieces(const QByteArray &bytes, Feed feed)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype n = 1 + (quint8(bytes[at]) % 7);
        feed(bytes.mid(at, n));
        at += n;
    }
}
