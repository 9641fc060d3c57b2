#include "textencoding.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QSysInfo>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

using Flag = QStringConverter::Flag;

struct Bom {
    QByteArrayView bytes;
    const char *encoding;
};

// Byte-order marks recognised by decodeText and written by encodeText.
constexpr Bom kBoms[] = {
    {"\xEF\xBB\xBF", "UTF-8"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
};

// The BOM that `bytes` start with, or nullptr.
const Bom *bomOf(QByteArrayView bytes)
{
    for (const Bom &bom : kBoms)
        if (bytes.startsWith(bom.bytes))
            return &bom;
    return nullptr;
}

// The BOM of the encoding Qt calls `canonical`, empty for encodings without one. Qt writes the
// generic "UTF-16" in host byte order.
QByteArray bomFor(QByteArrayView canonical)
{
    if (canonical == "UTF-16")
        canonical = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? "UTF-16LE" : "UTF-16BE";
    for (const Bom &bom : kBoms)
        if (canonical == bom.encoding)
            return bom.bytes.toByteArray();
    return {};
}

// Decodes all of `bytes` with `encoding` (a known name), keeping a BOM as U+FEFF; sets only
// text and invalidSequences. Counts as invalid the U+FFFD and U+001A that the decoder substituted
// (those the input genuinely encodes are not counted), and at least one when the decoder reported
// an error: ICU drops an incomplete final sequence without substituting anything.
DecodedText decodeWith(QByteArrayView bytes, const char *encoding)
{
    QStringDecoder decoder(encoding, Flag::Stateless | Flag::ConvertInitialBom);
    DecodedText d;
    d.text = decoder.decode(bytes);
    qsizetype counts[2] = {0, 0}; // U+FFFD, U+001A in one pass over the text
    for (const QChar c : std::as_const(d.text)) {
        counts[0] += c.unicode() == 0xFFFD;
        counts[1] += c.unicode() == 0x1A;
    }
    for (const char16_t substitute : {u'\uFFFD', u'\x1A'}) {
        const QStringView sub(&substitute, 1);
        const qsizetype produced = counts[substitute == u'\uFFFD' ? 0 : 1];
        if (produced == 0)
            continue;
        QStringEncoder encoder(encoding, Flag::Stateless);
        const QByteArray genuine = encoder.encode(sub);
        const bool roundTrips =
            !encoder.hasError() &&
            QString(QStringDecoder(encoding, Flag::Stateless).decode(genuine)) == sub;
        d.invalidSequences +=
            int(qMax<qsizetype>(0, produced - (roundTrips ? bytes.count(genuine) : 0)));
    }
    if (decoder.hasError())
        d.invalidSequences = qMax(d.invalidSequences, 1);
    return d;
}

// "UTF-16LE" or "UTF-16BE" when the zero bytes of `bytes` sit on one side of the 16-bit code
// units, as in UTF-16 text that is mostly Latin (subtitle timings alone qualify); else nullptr.
// Text in the other candidate encodings contains no zero bytes at all.
const char *utf16ByZeros(QByteArrayView bytes)
{
    const QByteArrayView sample = bytes.first(qMin<qsizetype>(bytes.size(), 4096));
    qsizetype zeros[2] = {0, 0}; // at even and odd offsets
    for (qsizetype i = 0; i < sample.size(); ++i)
        zeros[i % 2] += sample[i] == 0;
    const qsizetype units = sample.size() / 2;
    for (const int odd : {1, 0})
        if (units > 0 && zeros[odd] > 0 && zeros[odd] >= units / 8 &&
            zeros[1 - odd] * 4 <= zeros[odd])
            return odd ? "UTF-16LE" : "UTF-16BE";
    return nullptr;
}

// A legacy candidate. The double-byte codes from..to with a trail byte >= minTrail hold the
// frequent ("level 1") Han characters of the encoding; kana scores a hiragana/katakana. A
// single-byte encoding has from == 0.
struct Legacy {
    const char *encoding;
    int from = 0, to = 0, minTrail = 0, kana = 0;
};

constexpr Legacy kLegacy[] = {
    {"GB18030", 0xB0A1, 0xD7FE, 0xA1, -2},
    {"Big5", 0xA440, 0xC67E, 0x40, -2},
    {"Shift_JIS", 0x889F, 0x9872, 0x40, 3},
    {"windows-1252"}, // tie-breaks last; scored by scoreLatin
};

constexpr int kImpossible = -10; // per invalid sequence, control or private-use character

// The ~150 most frequent characters of Simplified and Traditional Chinese text (most are common
// in Japanese too).
bool isFrequentHan(char16_t c)
{
    static const QSet<char16_t> set = [] {
        const QStringView chars =
            u"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
            u"自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
            u"其些主样理心她本前开但因只从想实日吗呢吧啊别真谢再走知"
            u"這個們來為國說時會對於著過發後裡種經麼學現當沒動還進樣開從實嗎別謝見話";
        return QSet<char16_t>(chars.utf16(), chars.utf16() + chars.size());
    }();
    return set.contains(c);
}

// Plausibility of the non-ASCII character `c` decoded with the double-byte encoding `legacy`.
int scoreEastAsian(char16_t c, const Legacy &legacy, QStringEncoder &encoder)
{
    if (c >= 0x3040 && c <= 0x30FF)
        return legacy.kana;
    if (c >= 0x4E00 && c <= 0x9FFF) {
        const QByteArray b = encoder.encode(QStringView(&c, 1));
        const int code = b.size() == 2 ? uchar(b[0]) << 8 | uchar(b[1]) : 0;
        if (code < legacy.from || code > legacy.to || (code & 0xFF) < legacy.minTrail)
            return -2;
        return isFrequentHan(c) ? 4 : 1;
    }
    const bool punctuation = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E) ||
                             (c >= 0x2010 && c <= 0x2027) || c == 0xB7 || c == 0xD7;
    return punctuation ? 1 : -2;
}

// Plausibility of the non-ASCII character text[i] decoded as windows-1252, inside a run of `run`
// non-ASCII characters. Typical: accented letters inside words of ASCII letters (double-byte text
// decoded as windows-1252 rarely has more than one ASCII letter next to a non-ASCII one) and
// common punctuation. Atypical: runs of three or more (what double-byte text turns into) and
// rare symbols.
int scoreLatin(QStringView text, qsizetype i, qsizetype run)
{
    const QChar c = text[i];
    if (run >= 3)
        return -2;
    const auto letter = [text](qsizetype j) {
        return j >= 0 && j < text.size() && text[j].unicode() < 0x80 && text[j].isLetter();
    };
    // ASCII letters next to text[i], up to two on each side
    const int letters =
        (letter(i - 1) ? 1 + letter(i - 2) : 0) + (letter(i + 1) ? 1 + letter(i + 2) : 0);
    if (QStringView(u"éèàçüöäñßóáíúêôâûîïëõãœÉÀÇ").contains(c))
        return letters ? 1 + qMin(letters, 2) : 0;
    if (c.isLetter() && c != u'\u0192') // ƒ starts most katakana in Shift_JIS
        return qMin(letters, 2);
    // Opening marks start a word, closing ones and apostrophes follow one; double-byte text gives
    // them other neighbours (¡ starts most Chinese punctuation).
    const bool afterGap =
        i == 0 || (text[i - 1].unicode() < 0x80 && !text[i - 1].isLetterOrNumber());
    if (QStringView(u"¡¿“‘").contains(c))
        return afterGap && i + 1 < text.size() && text[i + 1].isLetterOrNumber() ? 2 : 0;
    if (c == u'”' || c == u'’')
        return i > 0 && !text[i - 1].isSpace() ? 2 : 0;
    const auto digit = [text](qsizetype j) {
        return j >= 0 && j < text.size() && text[j].isDigit();
    };
    if (QStringView(u"°£€").contains(c)) // next to a number: 20°C, £5, 5 €
        return digit(i - 1) || digit(i + 1) || (digit(i - 2) && text[i - 1].isSpace()) ? 2 : 0;
    if (QStringView(u"\u00A0«»…–—").contains(c))
        return 2;
    return QStringView(u"§·©®±²³½×").contains(c) ? 0 : -2;
}

// How plausible `d` is as text in `legacy`: higher is better; ASCII scores zero.
int score(const DecodedText &d, const Legacy &legacy)
{
    QStringEncoder encoder(legacy.encoding, Flag::Stateless);
    const QStringView text = d.text;
    int total = d.invalidSequences * kImpossible;
    qsizetype run = 0; // length of the run of non-ASCII characters text[i] belongs to
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80 && (i == 0 || text[i - 1].unicode() < 0x80)) {
            for (run = 1; i + run < text.size() && text[i + run].unicode() >= 0x80;)
                ++run;
        }
        if (c == 0xFFFD || c == 0x1A) // counted in invalidSequences
            continue;
        if ((c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || (c >= 0x7F && c < 0xA0) ||
            (c >= 0xE000 && c <= 0xF8FF))
            total += kImpossible;
        else if (c >= 0x80)
            total += legacy.from ? scoreEastAsian(c, legacy, encoder) : scoreLatin(text, i, run);
    }
    return total;
}

// `d` with the fields that say how it was decoded.
DecodedText labelled(DecodedText d, QString encoding, bool hadBom, bool detected)
{
    d.encoding = std::move(encoding);
    d.hadBom = hadBom;
    d.detected = detected;
    return d;
}

Error unknownEncoding(const QString &name)
{
    return makeError(
        ErrorCode::InvalidArgument,
        QCoreApplication::translate("TextEncoding", "Unknown text encoding \"%1\".").arg(name));
}

// The error naming the first character of `text` that differs in `back`, its round trip through
// `encoding`.
Error unrepresentable(const QString &text, const QString &back, const QString &encoding)
{
    qsizetype i = 0;
    while (i + 1 < text.size() && i < back.size() && text[i] == back[i])
        ++i;
    const bool pair =
        i + 1 < text.size() && text[i].isHighSurrogate() && text[i + 1].isLowSurrogate();
    const char32_t ucs = pair ? QChar::surrogateToUcs4(text[i], text[i + 1]) : text[i].unicode();
    return makeError(
        ErrorCode::InvalidArgument,
        QCoreApplication::translate("TextEncoding",
                                    "The character \"%1\" (U+%2) cannot be represented in %3.")
            .arg(text.sliced(i, pair ? 2 : 1),
                 QString::number(ucs, 16).toUpper().rightJustified(4, u'0'), encoding));
}

} // namespace

Result<DecodedText> decodeText(const QByteArray &bytes, const QString &forcedEncoding)
{
    const Bom *bom = bomOf(bytes);
    if (!forcedEncoding.isEmpty()) {
        const QByteArray name = forcedEncoding.toLatin1();
        const QStringDecoder probe(name.constData());
        if (!probe.isValid())
            return unknownEncoding(forcedEncoding);
        // The forced encoding's own BOM is removed; generic "UTF-16" takes its byte order from it.
        const QByteArrayView canonical(probe.name());
        if (bom && (canonical == bom->encoding || (canonical == "UTF-16" && bom != &kBoms[0])))
            return labelled(decodeWith(bytes.sliced(bom->bytes.size()), bom->encoding),
                            forcedEncoding, true, false);
        return labelled(decodeWith(bytes, name.constData()), forcedEncoding, false, false);
    }
    if (bom)
        return labelled(decodeWith(bytes.sliced(bom->bytes.size()), bom->encoding),
                        QString::fromLatin1(bom->encoding), true, false);
    // Checked before UTF-8 because mostly-ASCII UTF-16 is also valid (NUL-laden) UTF-8.
    if (const char *utf16 = utf16ByZeros(bytes))
        return labelled(decodeWith(bytes, utf16), QString::fromLatin1(utf16), false, true);
    DecodedText utf8 = decodeWith(bytes, "UTF-8");
    if (utf8.invalidSequences == 0)
        return labelled(std::move(utf8), u"UTF-8"_s, false, false);
    // UTF-8 with a few damaged bytes stays UTF-8 (those bytes become U+FFFD and are counted):
    // legacy double-byte text almost never forms valid multi-byte UTF-8 sequences, so eight valid
    // ones per invalid one means a damaged UTF-8 file, not a legacy one.
    const auto validNonAscii = std::count_if(utf8.text.cbegin(), utf8.text.cend(), [](QChar c) {
        return c.unicode() >= 0x80 && c.unicode() != 0xFFFD && !c.isLowSurrogate();
    });
    if (validNonAscii > 0 && validNonAscii >= 8 * qsizetype(utf8.invalidSequences))
        return labelled(std::move(utf8), u"UTF-8"_s, false, false);

    DecodedText best;
    int bestScore = std::numeric_limits<int>::min();
    for (const Legacy &legacy : kLegacy) {
        DecodedText d = decodeWith(bytes, legacy.encoding);
        if (const int s = score(d, legacy); s > bestScore) {
            best = labelled(std::move(d), QString::fromLatin1(legacy.encoding), false, true);
            bestScore = s;
        }
    }
    return best;
}

Result<QByteArray> encodeText(const QString &text, const QString &encoding, bool writeBom)
{
    const QByteArray name = encoding.isEmpty() ? "UTF-8"_ba : encoding.toLatin1();
    QStringEncoder encoder(name.constData(), Flag::Stateless);
    if (!encoder.isValid())
        return unknownEncoding(encoding);
    QByteArray bytes = encoder.encode(text);
    // Unicode encodings represent every character, so only a lone surrogate can fail there;
    // legacy encodings are checked by decoding the result again.
    const bool unicode = QByteArrayView(encoder.name()).startsWith("UTF-");
    if (unicode ? encoder.hasError() : false) {
        const QString back = decodeWith(bytes, name.constData()).text;
        return unrepresentable(text, back, QString::fromLatin1(encoder.name()));
    }
    if (!unicode) {
        if (const QString back = decodeWith(bytes, name.constData()).text; back != text)
            return unrepresentable(text, back, QString::fromLatin1(encoder.name()));
    }
    if (writeBom)
        bytes.prepend(bomFor(encoder.name()));
    return bytes;
}

QStringList commonEncodings()
{
    return {u"UTF-8"_s,        u"UTF-16LE"_s,     u"UTF-16BE"_s,     u"GB18030"_s,
            u"GBK"_s,          u"Big5"_s,         u"Shift_JIS"_s,    u"EUC-JP"_s,
            u"EUC-KR"_s,       u"windows-1250"_s, u"windows-1251"_s, u"windows-1252"_s,
            u"windows-1253"_s, u"ISO-8859-15"_s,  u"KOI8-R"_s};
}
