#include "markup.h"
#include "projectformat.h"
#include "srtformat.h"
#include "subtitlefile.h"
#include "testutil.h"
#include "textencoding.h"
#include "vttformat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// Feeds random and mutated files to every reader. Whatever the bytes: no crash, no hang, results
// that satisfy the data model's invariants, and anything that was read can be written as WebVTT
// and read back with the same cues. Deterministic (fixed seed) and bounded in count and time.
class TestFuzzReaders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mutatedFixtures();
    void randomTokenSoup();
    void randomBytes();

private:
    void feed(const QByteArray &bytes);
    QByteArray mutate(QByteArray bytes);

    QList<QByteArray> m_corpus;
    QRandomGenerator m_rng{20261121};
    qint64 m_inputs = 0;
};

static const char *const kTokens[] = {"-->",
                                      " --> ",
                                      "\n",
                                      "\r\n",
                                      "\r",
                                      "\n\n",
                                      "WEBVTT",
                                      "WEBVTT\n\n",
                                      "NOTE ",
                                      "STYLE\n",
                                      "REGION\n",
                                      "00:00:01,000",
                                      "00:00:01.000",
                                      "00:01.000",
                                      "99:59:59.999",
                                      "1",
                                      "42",
                                      ":",
                                      ",",
                                      ".",
                                      "<v Bob>",
                                      "</v>",
                                      "<i>",
                                      "</i>",
                                      "<b",
                                      "&amp;",
                                      "&#x1F600;",
                                      "&#0;",
                                      "&",
                                      "<",
                                      ">",
                                      "{",
                                      "}",
                                      "\"",
                                      "[",
                                      "]",
                                      "\"cues\":",
                                      "\"format\":\"captioneer-project\"",
                                      "\"version\":1",
                                      "\"start_ms\":",
                                      "-1",
                                      "1e309",
                                      "\xEF\xBB\xBF",
                                      "\xFF\xFE",
                                      "\x00",
                                      "中文",
                                      "\xC3\x28",
                                      "\xE6\x97",
                                      "text",
                                      " ",
                                      "\t"};

void TestFuzzReaders::initTestCase()
{
    const QDir dir(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles"));
    for (const QString &name : dir.entryList(QDir::Files))
        m_corpus.append(readFixture(u"subtitles/"_s + name));
    ProjectData p;
    p.cues = readSrt(QString::fromUtf8(m_corpus.first())).value().cues;
    m_corpus.append(serializeProject(p));
    m_corpus.append(serializeCuesJson(p.cues));
    QVERIFY(m_corpus.size() >= 10);
}

QByteArray TestFuzzReaders::mutate(QByteArray b)
{
    const int edits = 1 + int(m_rng.bounded(8));
    for (int e = 0; e < edits; ++e) {
        const qsizetype n = b.size();
        const qsizetype at = n == 0 ? 0 : qsizetype(m_rng.bounded(quint64(n + 1)));
        switch (m_rng.bounded(7)) {
        case 0: // flip a byte
            if (n > 0)
                b[std::min(at, n - 1)] = char(m_rng.bounded(256));
            break;
        case 1: // delete a range
            b.remove(at, qsizetype(m_rng.bounded(32)));
            break;
        case 2: // duplicate a range
            b.insert(at, b.mid(at, qsizetype(m_rng.bounded(64))));
            break;
        case 3: // insert a token
            b.insert(at, kTokens[m_rng.bounded(int(std::size(kTokens)))]);
            break;
        case 4: // truncate
            b.truncate(at);
            break;
        case 5: // splice another corpus file
            b.insert(at, m_corpus[m_rng.bounded(int(m_corpus.size()))].left(200));
            break;
        case 6: // random bytes
            for (int i = 0; i < 8; ++i)
                b.insert(at, char(m_rng.bounded(256)));
            break;
        }
    }
    return b;
}

// The cue as a WebVTT payload would carry it: voice span and text. A "<v Name>" span typed at the
// start of a cue's text (SubRip has no voices) names the speaker once the text is read as WebVTT,
// the way the reader defines the name: character references decoded, white space collapsed and
// trimmed ("<v Ann&#32; >" names "Ann").
static QString voicedText(const Cue &c)
{
    if (!c.speaker.isEmpty())
        return u"<v"_s + c.vttVoiceClasses + u' ' + c.speaker + u'>' + c.text +
               (c.vttVoiceClosed ? u"</v>"_s : QString());
    static const QRegularExpression voice(u"^<v((?:\\.[^\\s.>]+)*)[ \\t]+([^>]+)>"_s);
    // What the reader sees: the text as the writer puts it in the file.
    const QString payload = textToVttPayload(c.text);
    const auto m = voice.match(payload);
    if (!m.hasMatch())
        return c.text;
    QStringView rest = QStringView(payload).mid(m.capturedLength());
    if (rest.endsWith(u"</v>"))
        rest.chop(4);
    if (rest.contains(u"<v") || rest.contains(u"</v>"))
        return c.text; // the reader leaves such text as it is
    return u"<v"_s + m.captured(1) + u' ' + vttPayloadToText(m.capturedView(2)).simplified() +
           u'>' + vttPayloadToText(QStringView(payload).mid(m.capturedLength()));
}

static void checkCues(const Cues &cues)
{
    for (const Cue &c : cues) {
        QVERIFY(c.start >= 0);
        QVERIFY(c.end >= c.start);
    }
}

void TestFuzzReaders::feed(const QByteArray &bytes)
{
    ++m_inputs;
    for (ParseMode mode : {ParseMode::Lenient, ParseMode::Strict}) {
        SubtitleReadOptions options;
        options.mode = mode;
        auto loaded = parseSubtitles(bytes, options, u"fuzz"_s);
        if (!loaded) {
            QVERIFY(!loaded.error().message.isEmpty());
            continue;
        }
        checkCues(loaded->data.cues);
        // Whatever was read can be written as WebVTT and read back unchanged.
        const QString vtt = writeVtt(loaded->data.cues, loaded->data.meta);
        auto again = readVtt(vtt, ParseMode::Strict);
        if (!again.ok())
            qWarning().noquote() << "input:" << bytes.toPercentEncoding(" \n")
                                 << "\nwritten:" << vtt;
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().toString()));
        QCOMPARE(again->cues.size(), loaded->data.cues.size());
        for (int i = 0; i < again->cues.size(); ++i) {
            QCOMPARE(again->cues[i].start, loaded->data.cues[i].start);
            QCOMPARE(again->cues[i].end, loaded->data.cues[i].end);
            // Blank lines cannot exist inside a cue; everything else survives. A "<v Name>" span
            // typed into text becomes the speaker, so compare the voice span and text together.
            QString expected = loaded->data.cues[i].text;
            expected.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
            QStringList lines = expected.split(u'\n');
            lines.removeIf([](const QString &l) { return l.trimmed().isEmpty(); });
            Cue cleaned = loaded->data.cues[i];
            cleaned.text = lines.join(u'\n');
            takeAssAlignment(&cleaned.text); // override blocks are settings or dropped in WebVTT
            lines = cleaned.text.split(u'\n');
            lines.removeIf([](const QString &l) { return l.trimmed().isEmpty(); });
            cleaned.text = lines.join(u'\n');
            QCOMPARE(voicedText(again->cues[i]), voicedText(cleaned));
        }
    }
    // Readers used directly on the raw text as well.
    const QString text = decodeText(bytes).value().text;
    if (auto s = readSrt(text); s)
        checkCues(s->cues);
    if (auto v = readVtt(text); v)
        checkCues(v->cues);
    if (auto p = parseProject(bytes); p)
        checkCues(p->cues);
    if (auto j = parseCuesJson(bytes); j)
        checkCues(*j);
}

void TestFuzzReaders::mutatedFixtures()
{
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < 1500 && timer.elapsed() < 6000; ++round) {
        for (const QByteArray &seed : std::as_const(m_corpus)) {
            feed(mutate(seed));
            if (QTest::currentTestFailed())
                return;
        }
    }
    qInfo("fed %lld mutated inputs", m_inputs);
}

void TestFuzzReaders::randomTokenSoup()
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 3000 && timer.elapsed() < 4000; ++i) {
        QByteArray b = m_rng.bounded(2) ? QByteArray("WEBVTT\n\n") : QByteArray();
        const int tokens = int(m_rng.bounded(200));
        for (int t = 0; t < tokens; ++t)
            b += kTokens[m_rng.bounded(int(std::size(kTokens)))];
        feed(b);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestFuzzReaders::randomBytes()
{
    for (int i = 0; i < 500; ++i) {
        QByteArray b(qsizetype(m_rng.bounded(4096)), Qt::Uninitialized);
        for (char &c : b)
            c = char(m_rng.bounded(256));
        feed(b);
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(TestFuzzReaders)
#include "tst_fuzzreaders.moc"
