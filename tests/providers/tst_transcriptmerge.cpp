#include "transcriptionpipeline.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Chunks = QList<TranscriptionPlan::Chunk>;
using Results = QList<std::optional<Transcript>>;
Q_DECLARE_METATYPE(Chunks)
Q_DECLARE_METATYPE(Results)

namespace {

Word word(qint64 start, qint64 end, const QString &text)
{
    Word w;
    w.start = start;
    w.end = end;
    w.text = text;
    return w;
}

TranscriptSegment segment(qint64 start, qint64 end, const QString &text, const Words &words = {})
{
    TranscriptSegment s;
    s.start = start;
    s.end = end;
    s.text = text;
    s.words = words;
    return s;
}

Transcript timed(const QList<TranscriptSegment> &segments)
{
    Transcript t;
    t.segments = segments;
    for (const TranscriptSegment &s : segments)
        t.text += (t.text.isEmpty() ? QString() : u" "_s) + s.text;
    return t;
}

Transcript textOnly(const QString &text)
{
    Transcript t;
    t.text = text;
    return t;
}

} // namespace

// mergeChunkTranscripts: offsets, seams, ordering and timing of the merged transcript. Pure.
class TestTranscriptMerge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void merges_data();
    void merges();
    void keepsMetadata();
    void textOnlyKeepsAgreedSpeakerAndEmotion();
};

void TestTranscriptMerge::merges_data()
{
    QTest::addColumn<Chunks>("chunks");
    QTest::addColumn<Results>("results");
    QTest::addColumn<bool>("timedBySpeech");
    // Word texts and starts in order; for rows without words, segment texts and starts.
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QList<qint64>>("starts");
    QTest::addColumn<bool>("approximate");

    const Chunks two{{0, 10000}, {10000, 20000}};
    QTest::newRow("offsets")
        << two
        << Results{timed({segment(1000, 3000, u"hello there"_s,
                                  {word(1000, 1500, u"hello"_s), word(1600, 2000, u"there"_s)})}),
                   timed({segment(500, 2000, u"general kenobi"_s,
                                  {word(500, 900, u"general"_s), word(1000, 1800, u"kenobi"_s)})})}
        << false << QStringList{u"hello"_s, u"there"_s, u"general"_s, u"kenobi"_s}
        << QList<qint64>{1000, 1600, 10500, 11000} << false;
    QTest::newRow("seam duplicate removed")
        << two
        << Results{timed({segment(8000, 9950, u"see you world"_s,
                                  {word(8000, 8400, u"see"_s), word(8500, 8900, u"you"_s),
                                   word(9700, 9950, u"world"_s)})}),
                   timed({segment(0, 1500, u"World. Again"_s,
                                  {word(0, 200, u"World."_s), word(600, 1000, u"Again"_s)})})}
        << false << QStringList{u"see"_s, u"you"_s, u"world"_s, u"Again"_s}
        << QList<qint64>{8000, 8500, 9700, 10600} << false;
    QTest::newRow("no word lost: repeats within a chunk or far apart stay")
        << Chunks{{0, 5000}, {5000, 10000}}
        << Results{timed({segment(3000, 4900, u"no no yes"_s,
                                  {word(3000, 3150, u"no"_s), word(3200, 3350, u"no"_s),
                                   word(4500, 4900, u"yes"_s)})}),
                   timed({segment(0, 1000, u"yes maybe"_s,
                                  {word(400, 700, u"yes"_s), word(800, 1000, u"maybe"_s)})})}
        << false << QStringList{u"no"_s, u"no"_s, u"yes"_s, u"yes"_s, u"maybe"_s}
        << QList<qint64>{3000, 3200, 4500, 5400, 5800} << false;
    QTest::newRow("segment-only timing: seam duplicate segment removed")
        << two
        << Results{timed({segment(2000, 6000, u"One."_s), segment(9800, 10000, u"Two"_s)}),
                   timed({segment(0, 3000, u"two"_s), segment(3000, 6000, u"Three."_s)})}
        << false << QStringList{u"One."_s, u"Two"_s, u"Three."_s}
        << QList<qint64>{2000, 9800, 13000} << false;
    QTest::newRow("overlapping segments clamped to their chunk")
        << Chunks{{0, 5000}, {5000, 10000}}
        << Results{timed({segment(0, 3000, u"a b"_s,
                                  {word(0, 500, u"a"_s), word(2000, 2500, u"b"_s)}),
                          segment(2500, 6000, u"c d"_s,
                                  {word(2600, 3000, u"c"_s), word(5500, 5900, u"d"_s)})}),
                   timed({segment(0, 2000, u"e"_s, {word(100, 600, u"e"_s)})})}
        << false << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}
        << QList<qint64>{0, 2000, 2600, 5000, 5100} << false;
    QTest::newRow("text-only chunks timed by their span")
        << Chunks{{1000, 4000}, {6000, 9000}, {12000, 15000}}
        << Results{textOnly(u" first part "_s), textOnly(QString()), textOnly(u"third"_s)} << true
        << QStringList{u"first part"_s, u"third"_s} << QList<qint64>{1000, 12000} << true;
    QTest::newRow("empty and missing chunk results")
        << Chunks{{0, 5000}, {5000, 10000}, {10000, 15000}}
        << Results{std::nullopt, Transcript{},
                   timed({segment(100, 900, u"last"_s, {word(100, 900, u"last"_s)})})}
        << false << QStringList{u"last"_s} << QList<qint64>{10100} << false;
    QTest::newRow("monotonic starts")
        << Chunks{{0, 5000}}
        << Results{timed({segment(900, 3000, u"x y z"_s,
                                  {word(1000, 1100, u"x"_s), word(800, 900, u"y"_s),
                                   word(1200, 1300, u"z"_s)}),
                          segment(3500, 4000, u"w"_s, {word(3600, 3900, u"w"_s)}),
                          segment(3200, 3400, u"v"_s, {word(3300, 3400, u"v"_s)})})}
        << false << QStringList{u"x"_s, u"y"_s, u"z"_s, u"v"_s, u"w"_s}
        << QList<qint64>{1000, 1000, 1200, 3300, 3600} << false;
    QTest::newRow("timed provider answered with text only")
        << two << Results{textOnly(u"just text"_s), std::nullopt} << false
        << QStringList{u"just text"_s} << QList<qint64>{0} << true;
}

void TestTranscriptMerge::merges()
{
    QFETCH(Chunks, chunks);
    QFETCH(Results, results);
    QFETCH(bool, timedBySpeech);
    QFETCH(QStringList, texts);
    QFETCH(QList<qint64>, starts);
    QFETCH(bool, approximate);

    const Transcript t = mergeChunkTranscripts(chunks, results, timedBySpeech);
    QStringList gotTexts;
    QList<qint64> gotStarts;
    qint64 lastSegment = 0, lastWord = 0;
    for (const TranscriptSegment &s : t.segments) {
        QVERIFY(s.start >= lastSegment);
        QVERIFY(s.end >= s.start);
        QVERIFY(s.start >= chunks.first().startMs && s.end <= chunks.last().endMs);
        lastSegment = s.start;
        if (s.words.isEmpty()) {
            gotTexts << s.text;
            gotStarts << s.start;
        }
        for (const Word &w : s.words) {
            QVERIFY(w.start >= lastWord);
            QVERIFY(w.end >= w.start);
            QVERIFY(w.start >= s.start);
            lastWord = w.start;
            gotTexts << w.text;
            gotStarts << w.start;
        }
    }
    QCOMPARE(gotTexts, texts);
    QCOMPARE(gotStarts, starts);
    QCOMPARE(t.approximateTiming, approximate);
    QCOMPARE(t.duration, chunks.last().endMs);
    // The transcript text is the segments' texts in order.
    QStringList segmentTexts;
    for (const TranscriptSegment &s : t.segments)
        segmentTexts << s.text;
    QCOMPARE(t.text, segmentTexts.join(u' '));
}

void TestTranscriptMerge::keepsMetadata()
{
    Transcript a = timed({segment(0, 1000, u"hello"_s, {word(0, 900, u"hello"_s)})});
    a.language = u"english"_s;
    a.requestId = u"req-1"_s;
    a.provider = u"openai"_s;
    a.model = u"whisper-1"_s;
    a.segments[0].speaker = u"A"_s;
    a.segments[0].emotion = u"happy"_s;
    Transcript b = timed({segment(0, 1000, u"bonjour"_s, {word(0, 900, u"bonjour"_s)})});
    b.language = u"french"_s;
    b.requestId = u"req-2"_s;
    b.segments[0].speaker = u"B"_s;
    const Transcript t = mergeChunkTranscripts({{0, 5000}, {5000, 10000}}, {a, b}, false);
    QCOMPARE(t.language, u"english"_s);
    QCOMPARE(t.requestId, u"req-1, req-2"_s);
    QCOMPARE(t.provider, u"openai"_s);
    QCOMPARE(t.model, u"whisper-1"_s);
    QCOMPARE(t.segments.size(), 2);
    QCOMPARE(t.segments[0].speaker, u"A"_s);
    QCOMPARE(t.segments[1].speaker, u"B"_s);
    QCOMPARE(t.segments[0].emotion, u"happy"_s);
    QCOMPARE(t.segments[1].emotion, QString());
    QCOMPARE(t.segments[0].language, QString());   // the transcript's language
    QCOMPARE(t.segments[1].language, u"french"_s); // differs: said per segment
    QCOMPARE(t.text, u"hello bonjour"_s);
}

// A text-only provider (Qwen3-ASR: one text per chunk with its language and emotion) timed by
// the chunk: the chunk's one segment keeps what all of its segments agree on.
void TestTranscriptMerge::textOnlyKeepsAgreedSpeakerAndEmotion()
{
    Transcript a = textOnly(u"good news"_s);
    a.segments = {segment(0, 0, u"good news"_s)};
    a.segments[0].emotion = u"happy"_s;
    a.segments[0].speaker = u"A"_s;
    Transcript b = textOnly(u"bad news then good"_s);
    b.segments = {segment(0, 0, u"bad news"_s), segment(0, 0, u"then good"_s)};
    b.segments[0].emotion = u"sad"_s;
    b.segments[1].emotion = u"happy"_s;
    b.segments[0].speaker = b.segments[1].speaker = u"B"_s;
    const Transcript t = mergeChunkTranscripts({{0, 4000}, {4000, 9000}}, {a, b}, true);
    QCOMPARE(t.segments.size(), 2);
    QCOMPARE(t.segments[0].emotion, u"happy"_s);
    QCOMPARE(t.segments[0].speaker, u"A"_s);
    QCOMPARE(t.segments[1].emotion, QString()); // sad, then happy: not one emotion
    QCOMPARE(t.segments[1].speaker, u"B"_s);
    QCOMPARE(t.segments[1].start, 4000);
    QCOMPARE(t.segments[1].end, 9000);
    QVERIFY(t.approximateTiming);
}

QTEST_GUILESS_MAIN(TestTranscriptMerge)
#include "tst_transcriptmerge.moc"
