#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Decoding and encoding of subtitle text files. Pure functions, no I/O, any thread.

struct DecodedText {
    QString text;             // decoded text, BOM removed, line endings untouched
    QString encoding;         // canonical name: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5",
                              // "Shift_JIS", "windows-1252", or the forced name as given
    bool hadBom = false;      // the input started with a byte-order mark
    bool detected = false;    // true when the encoding was guessed (no BOM, not forced, not UTF-8)
    int invalidSequences = 0; // byte sequences that could not be decoded (replaced by U+FFFD)
};

// Decodes `bytes`. With an empty `forcedEncoding`: a BOM decides (UTF-8, UTF-16LE/BE); else
// valid UTF-8 is UTF-8; else BOM-less UTF-16 is recognised by its zero bytes; else the best-scoring
// legacy candidate among GB18030, Big5, Shift_JIS and windows-1252 is chosen (Qt's ICU-backed
// decoders, scored by how plausible the decoded characters are). A non-empty `forcedEncoding`
// (any name ICU knows, case-insensitive, e.g. "gbk", "big5", "cp1252") is used as is.
// Fails only for an unknown `forcedEncoding`; undecodable bytes are counted, never fatal.
Result<DecodedText> decodeText(const QByteArray &bytes, const QString &forcedEncoding = {});

// Encodes `text` in `encoding` (empty: UTF-8). Fails for an unknown encoding name or for text
// that the encoding cannot represent (the message names the first such character).
Result<QByteArray> encodeText(const QString &text, const QString &encoding = {},
                              bool writeBom = false);

// Names offered in the UI and accepted by --encoding (ICU also accepts many aliases).
QStringList commonEncodings();
