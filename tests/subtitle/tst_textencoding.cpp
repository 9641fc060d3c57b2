#include "textencoding.h"

#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// `text` encoded by Qt's (ICU's) own encoder, so that the tests need no binary fixtures. Empty
// when `encoding` cannot represent `text`, which makes the row fail visibly.
QByteArray encoded(const char *encoding, const QString &text)
{
    QStringEncoder encoder(encoding, QStringConverter::Flag::Stateless);
    const QByteArray bytes = encoder.encode(text);
    return encoder.hasError() ? QByteArray() : bytes;
}

// An SRT file with one cue per line of dialogue.
QString srt(const QStringList &dialogue, const QString &newline = u"\n"_s)
{
    QString out;
    for (int i = 0; i < int(dialogue.size()); ++i) {
        out += QString::number(i + 1) + newline +
               u"00:00:%1,000 --> 00:00:%2,500"_s.arg(i * 3 + 1, 2, 10, QLatin1Char('0'))
                   .arg(i * 3 + 3, 2, 10, QLatin1Char('0')) +
               newline + dialogue[i] + newline + newline;
    }
    return out;
}

struct Sample {
    const char *name;     // row name prefix
    const char *encoding; // canonical name, as decodeText reports it
    QStringList dialogue;
};

// Realistic subtitle dialogue in each legacy encoding that decodeText must recognise.
QList<Sample> legacySamples()
{
    return {
        {"GB18030 Simplified Chinese",
         "GB18030",
         {u"你好，我们今天要去哪里？"_s, u"我也不知道，先去吃饭吧。"_s,
          u"好的，等一下我给你打电话。"_s, u"别担心，这件事交给我来处理。"_s,
          u"“真的吗？”他笑着说。"_s, u"好的。"_s}},
        {"GB18030 Traditional Chinese (GBK)",
         "GB18030",
         {u"這是我的錯，對不起。"_s, u"他們已經離開了台北。"_s, u"聽著，我們沒有時間了。"_s}},
        {"Big5 Traditional Chinese",
         "Big5",
         {u"你們現在在哪裡？我們已經到了。"_s, u"別擔心，這件事我會處理的。"_s,
          u"謝謝你，真的幫了我很大的忙。"_s, u"「快走吧！」她說。"_s, u"是嗎？"_s, u"呃……"_s}},
        {"Shift_JIS Japanese",
         "Shift_JIS",
         {u"こんにちは、今日はどこへ行くの？"_s, u"まだ決めていないけど、映画を見たいな。"_s,
          u"じゃあ、駅の前で待っているね。"_s, u"「ありがとう」とマリアは言った。"_s, u"はい。"_s,
          u"コーヒー"_s}},
        {"windows-1252 French",
         "windows-1252",
         {u"Où est la bibliothèque ? Je dois rendre ce livre."_s,
          u"C’est à côté du café, près de l’église… « Voilà » !"_s,
          u"Ça coûte trente-deux euros, reçu compris."_s, u"Où ?"_s, u"Déjà ?"_s}},
        {"windows-1252 German",
         "windows-1252",
         {u"Können Sie mir bitte helfen? Ich suche die Straße zum Bahnhof."_s,
          u"Natürlich, gehen Sie geradeaus und dann über die Brücke."_s,
          u"Schöne Grüße an Jürgen – wir sehen uns übermorgen."_s}},
        {"windows-1252 Spanish",
         "windows-1252",
         {u"¿Dónde está la estación? Mañana salimos temprano."_s,
          u"¡Qué bueno! El niño también viene con nosotros."_s,
          u"Sí, señor. Aquí tiene su café."_s}},
        {"windows-1252 Portuguese and Nordic",
         "windows-1252",
         {u"Não, obrigado. São Paulo fica longe."_s, u"Åse og Øyvind – skål!"_s,
          u"Œuvre complète, naïve Zoë."_s, u"It costs £5, or 6 €."_s}},
    };
}

} // namespace

class TestTextEncoding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void legacyDetection_data();
    void legacyDetection();
    void forcedNames_data();
    void forcedNames();
    void unknownEncoding();
    void encode_data();
    void encode();
    void roundTrip_data();
    void roundTrip();
    void unrepresentable_data();
    void unrepresentable();
    void commonEncodingsAreUsable();
};

void TestTextEncoding::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("forced");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("hadBom");
    QTest::addColumn<bool>("detected");
    QTest::addColumn<int>("invalid");

    const QString english = srt({u"Where are you going?"_s, u"Home. It's late."_s}, u"\r\n"_s);
    const QString mixed = srt({u"Café, 中文, にほんご, Ελληνικά 😀"_s});
    const QString simplified = srt({u"你好，我们今天要去哪里？"_s, u"我也不知道，先去吃饭吧。"_s});
    const QByteArray utf8Bom("\xEF\xBB\xBF");

    QTest::newRow("empty input") << QByteArray() << QString() << QString() << u"UTF-8"_s << false
                                 << false << 0;
    QTest::newRow("ASCII is UTF-8")
        << english.toUtf8() << QString() << english << u"UTF-8"_s << false << false << 0;
    QTest::newRow("UTF-8 without BOM")
        << mixed.toUtf8() << QString() << mixed << u"UTF-8"_s << false << false << 0;
    QTest::newRow("UTF-8 with BOM") << QByteArray(utf8Bom + mixed.toUtf8()) << QString() << mixed
                                    << u"UTF-8"_s << true << false << 0;
    QTest::newRow("UTF-8 BOM only")
        << utf8Bom << QString() << QString() << u"UTF-8"_s << true << false << 0;
    QTest::newRow("UTF-8 with a genuine U+FFFD")
        << u"broken \uFFFD here"_s.toUtf8() << QString() << u"broken \uFFFD here"_s << u"UTF-8"_s
        << false << false << 0;
    QTest::newRow("UTF-16LE with BOM")
        << QByteArray(QByteArray("\xFF\xFE") + encoded("UTF-16LE", mixed)) << QString() << mixed
        << u"UTF-16LE"_s << true << false << 0;
    QTest::newRow("UTF-16BE with BOM")
        << QByteArray(QByteArray("\xFE\xFF") + encoded("UTF-16BE", mixed)) << QString() << mixed
        << u"UTF-16BE"_s << true << false << 0;
    QTest::newRow("UTF-16LE without BOM, English")
        << encoded("UTF-16LE", english) << QString() << english << u"UTF-16LE"_s << false << true
        << 0;
    QTest::newRow("UTF-16BE without BOM, English")
        << encoded("UTF-16BE", english) << QString() << english << u"UTF-16BE"_s << false << true
        << 0;
    QTest::newRow("UTF-16LE without BOM, Chinese")
        << encoded("UTF-16LE", simplified) << QString() << simplified << u"UTF-16LE"_s << false
        << true << 0;
    QTest::newRow("UTF-16BE without BOM, Chinese")
        << encoded("UTF-16BE", simplified) << QString() << simplified << u"UTF-16BE"_s << false
        << true << 0;
    QTest::newRow("short windows-1252, one word")
        << QByteArray("See you at the caf\xE9.") << QString() << u"See you at the café."_s
        << u"windows-1252"_s << false << true << 0;
    QTest::newRow("short windows-1252, two words")
        << QByteArray("\xC7\x61 va, J\xFCrgen?") << QString() << u"Ça va, Jürgen?"_s
        << u"windows-1252"_s << false << true << 0;
    QTest::newRow("UTF-8 with one damaged byte stays UTF-8")
        << QByteArray(simplified.toUtf8().replace("\xE4\xBD\xA0", "\xFF")) << QString()
        << QString(simplified).replace(u"你"_s, u"\uFFFD"_s) << u"UTF-8"_s << false << false << 1;
    QTest::newRow("GB18030 with a stray byte")
        << QByteArray(encoded("GB18030", u"我也不知道。"_s) + '\x80' +
                      encoded("GB18030", u"\n先去吃饭吧。"_s))
        << QString() << u"我也不知道。\uFFFD\n先去吃饭吧。"_s << u"GB18030"_s << false << true << 1;

    // A forced encoding is used as given, even when detection would choose differently.
    QTest::newRow("forced windows-1252 on UTF-8")
        << u"café"_s.toUtf8() << u"windows-1252"_s << u"cafÃ©"_s << u"windows-1252"_s << false
        << false << 0;
    QTest::newRow("forced gbk on GB18030 bytes") << encoded("GB18030", simplified) << u"gbk"_s
                                                 << simplified << u"gbk"_s << false << false << 0;
    QTest::newRow("forced cp1252 on Big5 bytes") << encoded("Big5", u"中文"_s) << u"cp1252"_s
                                                 << u"¤¤¤å"_s << u"cp1252"_s << false << false << 0;
    QTest::newRow("forced UTF-8 strips its BOM") << QByteArray(utf8Bom + "abc") << u"utf-8"_s
                                                 << u"abc"_s << u"utf-8"_s << true << false << 0;
    QTest::newRow("forced UTF-16 takes byte order from BOM")
        << QByteArray(QByteArray("\xFE\xFF") + encoded("UTF-16BE", mixed)) << u"UTF-16"_s << mixed
        << u"UTF-16"_s << true << false << 0;
    QTest::newRow("forced Shift_JIS, UTF-8 BOM is not a BOM")
        << QByteArray(utf8Bom + "abc") << u"Shift_JIS"_s << u"\uFFFD\uFF7Fabc"_s << u"Shift_JIS"_s
        << false << false << 1;

    // Undecodable bytes are counted; characters that really are U+FFFD or U+001A are not.
    QTest::newRow("forced UTF-8, invalid bytes")
        << QByteArray("caf\xE9 \xFF!") << u"UTF-8"_s << u"caf\uFFFD \uFFFD!"_s << u"UTF-8"_s
        << false << false << 2;
    QTest::newRow("forced Shift_JIS, invalid sequence")
        << QByteArray("abc\x81 def") << u"shift_jis"_s << u"abc\x1A def"_s << u"shift_jis"_s
        << false << false << 1;
    QTest::newRow("forced Shift_JIS, genuine U+001A")
        << encoded("Shift_JIS", u"a\x1A"_s) << u"Shift_JIS"_s << u"a\x1A"_s << u"Shift_JIS"_s
        << false << false << 0;
    QTest::newRow("forced GB18030, genuine U+FFFD")
        << encoded("GB18030", u"a\uFFFD"_s) << u"GB18030"_s << u"a\uFFFD"_s << u"GB18030"_s << false
        << false << 0;
    QTest::newRow("forced Big5, truncated final character")
        << QByteArray("ab\xA4") << u"big5"_s << u"ab"_s << u"big5"_s << false << false << 1;
    QTest::newRow("forced UTF-16LE, odd length")
        << QByteArray("a\0b", 3) << u"UTF-16LE"_s << u"a\uFFFD"_s << u"UTF-16LE"_s << false << false
        << 1;
}

void TestTextEncoding::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, forced);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(bool, hadBom);
    QFETCH(bool, detected);
    QFETCH(int, invalid);

    QVERIFY(!bytes.isEmpty() || text.isEmpty());
    const Result<DecodedText> r = decodeText(bytes, forced);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->text, text);
    QCOMPARE(r->encoding, encoding);
    QCOMPARE(r->hadBom, hadBom);
    QCOMPARE(r->detected, detected);
    QCOMPARE(r->invalidSequences, invalid);
}

void TestTextEncoding::legacyDetection_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");

    // Whole files, and every line of dialogue alone (short samples are the hard case).
    for (const Sample &sample : legacySamples()) {
        const QString encoding = QString::fromLatin1(sample.encoding);
        const QString file = srt(sample.dialogue);
        QTest::addRow("%s, SRT file", sample.name)
            << encoded(sample.encoding, file) << file << encoding;
        const QString crlf = srt(sample.dialogue, u"\r\n"_s);
        QTest::addRow("%s, SRT file with CRLF", sample.name)
            << encoded(sample.encoding, crlf) << crlf << encoding;
        for (qsizetype i = 0; i < sample.dialogue.size(); ++i) {
            QTest::addRow("%s, line %d", sample.name, int(i + 1))
                << encoded(sample.encoding, sample.dialogue[i]) << sample.dialogue[i] << encoding;
        }
    }
}

void TestTextEncoding::legacyDetection()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, encoding);

    QVERIFY(!bytes.isEmpty());
    const Result<DecodedText> r = decodeText(bytes);
    QVERIFY(r.ok());
    QCOMPARE(r->encoding, encoding);
    QCOMPARE(r->text, text);
    QVERIFY(r->detected);
    QVERIFY(!r->hadBom);
    QCOMPARE(r->invalidSequences, 0);
}

void TestTextEncoding::forcedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");

    // ICU names and aliases, in any case.
    QTest::newRow("gbk") << u"gbk"_s << u"字幕 abc"_s;
    QTest::newRow("GB18030") << u"GB18030"_s << u"字幕 😀"_s;
    QTest::newRow("big5") << u"big5"_s << u"字幕 abc"_s;
    QTest::newRow("BIG5") << u"BIG5"_s << u"字幕 abc"_s;
    QTest::newRow("shift_jis") << u"shift_jis"_s << u"字幕です"_s;
    QTest::newRow("cp1252") << u"cp1252"_s << u"Größe €"_s;
    QTest::newRow("windows-1252") << u"windows-1252"_s << u"Größe €"_s;
    QTest::newRow("latin1") << u"latin1"_s << u"Größe"_s;
    QTest::newRow("euc-kr") << u"euc-kr"_s << u"자막"_s;
    QTest::newRow("koi8-r") << u"koi8-r"_s << u"Субтитры"_s;
    QTest::newRow("utf-8") << u"utf-8"_s << u"字幕 😀"_s;
    QTest::newRow("UTF-16LE") << u"UTF-16LE"_s << u"字幕 😀"_s;
}

void TestTextEncoding::forcedNames()
{
    QFETCH(QString, name);
    QFETCH(QString, text);

    const Result<QByteArray> bytes = encodeText(text, name);
    QVERIFY2(bytes.ok(), qPrintable(bytes.ok() ? QString() : bytes.error().toString()));
    const Result<DecodedText> r = decodeText(*bytes, name);
    QVERIFY(r.ok());
    QCOMPARE(r->text, text);
    QCOMPARE(r->encoding, name);
    QVERIFY(!r->detected);
    QCOMPARE(r->invalidSequences, 0);
}

void TestTextEncoding::unknownEncoding()
{
    const Result<DecodedText> decoded = decodeText(QByteArray("abc"), u"no-such-encoding"_s);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
    QVERIFY(decoded.error().message.contains(u"no-such-encoding"_s));

    const Result<QByteArray> encodedText = encodeText(u"abc"_s, u"no-such-encoding"_s);
    QVERIFY(!encodedText.ok());
    QCOMPARE(encodedText.error().code, ErrorCode::InvalidArgument);
    QVERIFY(encodedText.error().message.contains(u"no-such-encoding"_s));
}

void TestTextEncoding::encode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("writeBom");
    QTest::addColumn<QString>("hex"); // expected bytes

    QTest::newRow("default is UTF-8") << u"café"_s << QString() << false << "63 61 66 c3a9";
    QTest::newRow("default with BOM") << u"café"_s << QString() << true << "efbbbf 63 61 66 c3a9";
    QTest::newRow("UTF-8 with BOM") << u"中"_s << u"UTF-8"_s << true << "efbbbf e4b8ad";
    QTest::newRow("UTF-8 BOM for empty text") << QString() << u"utf-8"_s << true << "efbbbf";
    QTest::newRow("UTF-16LE without BOM") << u"a中"_s << u"UTF-16LE"_s << false << "6100 2d4e";
    QTest::newRow("UTF-16LE with BOM") << u"a中"_s << u"UTF-16LE"_s << true << "fffe 6100 2d4e";
    QTest::newRow("UTF-16BE with BOM") << u"a中"_s << u"utf-16be"_s << true << "feff 0061 4e2d";
    QTest::newRow("GB18030") << u"中文"_s << u"GB18030"_s << false << "d6d0 cec4";
    QTest::newRow("GB18030 outside the BMP") << u"😀"_s << u"GB18030"_s << false << "9439fc36";
    QTest::newRow("GB18030 ignores writeBom") << u"中文"_s << u"GB18030"_s << true << "d6d0 cec4";
    QTest::newRow("Big5") << u"中文"_s << u"Big5"_s << false << "a4a4 a4e5";
    QTest::newRow("Shift_JIS") << u"日本"_s << u"Shift_JIS"_s << false << "93fa 967b";
    QTest::newRow("windows-1252") << u"café €"_s << u"windows-1252"_s << false << "636166e9 20 80";
    QTest::newRow("windows-1252 ignores writeBom")
        << u"café"_s << u"cp1252"_s << true << "636166e9";
    QTest::newRow("line endings untouched")
        << u"a\r\nb\n"_s << QString() << false << "61 0d0a 62 0a";
}

void TestTextEncoding::encode()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(bool, writeBom);
    QFETCH(QString, hex);

    const Result<QByteArray> r = encodeText(text, encoding, writeBom);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->toHex(), QByteArray::fromHex(hex.toLatin1()).toHex());
}

void TestTextEncoding::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("writeBom");

    const QString mixed = srt({u"Café, 中文, にほんご, Ελληνικά 😀"_s, u"Line two."_s});
    for (const char *encoding : {"UTF-8", "UTF-16LE", "UTF-16BE"}) {
        QTest::addRow("%s", encoding) << mixed << QString::fromLatin1(encoding) << false;
        QTest::addRow("%s with BOM", encoding) << mixed << QString::fromLatin1(encoding) << true;
    }
    for (const Sample &sample : legacySamples()) {
        QTest::addRow("%s", sample.name)
            << srt(sample.dialogue) << QString::fromLatin1(sample.encoding) << false;
    }
}

// encodeText output decodes back to the same text, both detected and forced.
void TestTextEncoding::roundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(bool, writeBom);

    const Result<QByteArray> bytes = encodeText(text, encoding, writeBom);
    QVERIFY(bytes.ok());

    const Result<DecodedText> detected = decodeText(*bytes);
    QVERIFY(detected.ok());
    QCOMPARE(detected->text, text);
    QCOMPARE(detected->encoding, encoding);
    QCOMPARE(detected->hadBom, writeBom);
    QCOMPARE(detected->invalidSequences, 0);

    const Result<DecodedText> forced = decodeText(*bytes, encoding);
    QVERIFY(forced.ok());
    QCOMPARE(forced->text, text);
    QCOMPARE(forced->hadBom, writeBom);
}

void TestTextEncoding::unrepresentable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("character");
    QTest::addColumn<QString>("codePoint");

    QTest::newRow("Han in windows-1252")
        << u"Bonjour 中国"_s << u"windows-1252"_s << u"中"_s << u"U+4E2D"_s;
    QTest::newRow("Cyrillic in cp1252") << u"Привет"_s << u"cp1252"_s << u"П"_s << u"U+041F"_s;
    QTest::newRow("emoji in Big5") << u"好😀"_s << u"Big5"_s << u"😀"_s << u"U+1F600"_s;
    QTest::newRow("Hangul in Shift_JIS")
        << u"はい 안녕"_s << u"Shift_JIS"_s << u"안"_s << u"U+C548"_s;
    QTest::newRow("euro sign in latin1") << u"5 €"_s << u"latin1"_s << u"€"_s << u"U+20AC"_s;
    QTest::newRow("lone surrogate in UTF-8") << QString(u"a"_s + QChar(0xD800) + u"b"_s)
                                             << u"UTF-8"_s << QString(QChar(0xD800)) << u"U+D800"_s;
}

void TestTextEncoding::unrepresentable()
{
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(QString, character);
    QFETCH(QString, codePoint);

    const Result<QByteArray> r = encodeText(text, encoding);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(r.error().message.contains(character), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(codePoint), qPrintable(r.error().message));
}

void TestTextEncoding::commonEncodingsAreUsable()
{
    const QStringList names = commonEncodings();
    for (const char *detectable :
         {"UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", "Shift_JIS", "windows-1252"})
        QVERIFY2(names.contains(QString::fromLatin1(detectable)), detectable);
    for (const QString &name : names) {
        QVERIFY2(QStringDecoder(name.toLatin1().constData()).isValid(), qPrintable(name));
        const Result<QByteArray> bytes = encodeText(u"Subtitle 1"_s, name);
        QVERIFY2(bytes.ok(), qPrintable(name));
        const Result<DecodedText> text = decodeText(*bytes, name);
        QVERIFY2(text.ok(), qPrintable(name));
        QCOMPARE(text->text, u"Subtitle 1"_s);
    }
}

QTEST_GUILESS_MAIN(TestTextEncoding)
#include "tst_textencoding.moc"
