#include "cuetext.h"
#include "document.h"
#include "rulechecker.h"
#include "segmenter.h"
#include "textmetrics.h"
#include "track.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Transcript)

namespace {

// Words of `spec`, spoken from `start`: each token is a word (punctuation attached) lasting
// `length` ms and followed by 50 ms of silence, or by N ms when the token ends in "/N". A token
// "A:" sets the speaker of the words that follow.
Words spoken(const QString &spec, qint64 start = 0, qint64 length = 300)
{
    Words out;
    qint64 t = start;
    QString speaker;
    for (const QString &token : spec.split(u' ', Qt::SkipEmptyParts)) {
        if (token.endsWith(u':') && token.size() <= 3) {
            speaker = token.chopped(1);
            continue;
        }
        const qsizetype slash = token.lastIndexOf(u'/');
        Word w;
        w.text = slash > 0 ? token.left(slash) : token;
        w.start = t;
        w.end = t + length;
        w.speaker = speaker;
        t = w.end + (slash > 0 ? token.mid(slash + 1).toLongLong() : 50);
        out.append(w);
    }
    return out;
}

// One word per character, as DashScope returns Chinese: punctuation joins the character before.
Words characters(const QString &text, qint64 start = 0, qint64 perChar = 250)
{
    Words out;
    qint64 t = start;
    for (QChar c : text) {
        if (c.isPunct() && !out.isEmpty()) {
            out.last().text += c;
            continue;
        }
        Word w;
        w.text = c;
        w.start = t;
        w.end = t + perChar - 20;
        t += perChar;
        out.append(w);
    }
    return out;
}

TranscriptSegment segment(const Words &words, const QString &text = {})
{
    TranscriptSegment s;
    s.words = words;
    s.start = words.isEmpty() ? 0 : words.first().start;
    s.end = words.isEmpty() ? 0 : words.last().end;
    s.text = text.isEmpty() ? textOfWords(words) : text;
    return s;
}

Transcript transcript(const QList<TranscriptSegment> &segments, const QString &language = u"en"_s)
{
    Transcript t;
    t.language = language;
    t.segments = segments;
    return t;
}

Transcript oneSegment(const Words &words, const QString &language = u"en"_s)
{
    return transcript({segment(words)}, language);
}

Words withText(Words words, const QStringList &texts)
{
    for (qsizetype i = 0; i < words.size(); ++i)
        words[i].text = texts.value(i);
    return words;
}

QStringList texts(const Cues &cues)
{
    QStringList out;
    for (const Cue &c : cues)
        out.append(c.text);
    return out;
}

RulePreset preset(const QString &id)
{
    return *presetById(id);
}

// What every segmentation must satisfy (SUBTITLE-RULES.md, "What the segmenter must produce").
void verifyInvariants(const Transcript &t, const Segmentation &s, const RulePreset &p)
{
    QList<TranscriptSegment> segments = t.segments;
    std::stable_sort(
        segments.begin(), segments.end(),
        [](const TranscriptSegment &a, const TranscriptSegment &b) { return a.start < b.start; });
    Words expected;
    for (const TranscriptSegment &seg : std::as_const(segments))
        expected += seg.words;
    Words kept;
    for (qsizetype i = 0; i < s.cues.size(); ++i) {
        const Cue &c = s.cues[i];
        kept += c.words;
        QVERIFY2(c.start <= c.end, qPrintable(c.text));
        QVERIFY2(!c.text.isEmpty(), "a cue without text");
        if (i > 0) {
            QVERIFY2(c.start >= s.cues[i - 1].end, qPrintable(u"overlap before "_s + c.text));
            QVERIFY(c.start >= s.cues[i - 1].start);
        }
        QStringList speakers;
        for (const Word &w : c.words) {
            if (!speakers.contains(w.speaker))
                speakers.append(w.speaker);
        }
        QVERIFY2(speakers.size() <= 1, qPrintable(u"two speakers in "_s + c.text));
        if (c.words.size() > 1) {
            const QStringList lines = c.text.split(u'\n');
            QVERIFY2(lines.size() <= p.maxLines, qPrintable(c.text));
            for (const QString &line : lines)
                QVERIFY2(visibleLength(line) <= p.maxCharsPerLine, qPrintable(line));
            QVERIFY2(c.duration() <= p.maxDuration, qPrintable(c.text));
        }
    }
    // Every word kept, once, in order (segments by start, words in their order).
    QCOMPARE(kept.size(), expected.size());
    QCOMPARE(kept, expected);
}

} // namespace

class TestSegmenter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsFollowTheTable_data();
    void presetsFollowTheTable();
    void defaultPresetFollowsLanguage_data();
    void defaultPresetFollowsLanguage();
    void segments_data();
    void segments();
    void timing_data();
    void timing();
    void wordlessSegmentsAreApproximate_data();
    void wordlessSegmentsAreApproximate();
    void resegmentsCuesWithoutWordsByText();
    void reflowIsOneUndoStep_data();
    void reflowIsOneUndoStep();
    void segmentedTranscriptPassesTheChecker();
};

void TestSegmenter::presetsFollowTheTable_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("chars");
    QTest::addColumn<int>("lines");
    QTest::addColumn<double>("cps");
    QTest::addColumn<qint64>("minDuration");
    QTest::addColumn<qint64>("maxDuration");
    QTest::addColumn<qint64>("minGap");
    QTest::newRow("Netflix English")
        << u"netflix-en"_s << 42 << 2 << 20.0 << qint64(833) << qint64(7000) << qint64(83);
    QTest::newRow("Simplified Chinese")
        << u"zh-cn"_s << 16 << 2 << 9.0 << qint64(833) << qint64(7000) << qint64(83);
    QTest::newRow("Relaxed") << u"relaxed"_s << 50 << 2 << 25.0 << qint64(700) << qint64(8000)
                             << qint64(0);
    QTest::newRow("lookup ignores case")
        << u"NETFLIX-EN"_s << 42 << 2 << 20.0 << qint64(833) << qint64(7000) << qint64(83);
}

void TestSegmenter::presetsFollowTheTable()
{
    QFETCH(QString, id);
    const std::optional<RulePreset> p = presetById(id);
    QVERIFY(p);
    QCOMPARE(p->id, id.toLower());
    QVERIFY(!p->name.isEmpty());
    QTEST(p->maxCharsPerLine, "chars");
    QTEST(p->maxLines, "lines");
    QTEST(p->maxCps, "cps");
    QTEST(p->minDuration, "minDuration");
    QTEST(p->maxDuration, "maxDuration");
    QTEST(p->minGap, "minGap");
    QVERIFY(!presetById(u"netflix"_s));
    QCOMPARE(presetIds(), (QStringList{u"netflix-en"_s, u"zh-cn"_s, u"relaxed"_s}));
}

void TestSegmenter::defaultPresetFollowsLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("preset");
    QTest::newRow("zh") << u"zh"_s << QString() << u"zh-cn"_s;
    QTest::newRow("zh-TW") << u"zh-TW"_s << QString() << u"zh-cn"_s;
    QTest::newRow("ja") << u"ja"_s << QString() << u"zh-cn"_s;
    QTest::newRow("ko") << u"ko"_s << QString() << u"zh-cn"_s;
    QTest::newRow("yue") << u"yue"_s << QString() << u"zh-cn"_s;
    QTest::newRow("Whisper's 'chinese'") << u"chinese"_s << QString() << u"zh-cn"_s;
    QTest::newRow("en") << u"en"_s << QString() << u"netflix-en"_s;
    QTest::newRow("english") << u"english"_s << u"你好世界"_s << u"netflix-en"_s;
    QTest::newRow("zulu is not Chinese") << u"zu"_s << QString() << u"netflix-en"_s;
    QTest::newRow("unknown language, Chinese text")
        << QString() << u"今天天气很好。"_s << u"zh-cn"_s;
    QTest::newRow("unknown language, English text")
        << QString() << u"Hello there."_s << u"netflix-en"_s;
    QTest::newRow("unknown language, mostly English")
        << QString() << u"I use WeChat 微信 every day"_s << u"netflix-en"_s;
}

void TestSegmenter::defaultPresetFollowsLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, sample);
    QFETCH(QString, preset);
    QCOMPARE(defaultPresetFor(language, sample).id, preset);
    if (sample.isEmpty())
        QCOMPARE(defaultPresetForLanguage(language).id, preset);
}

void TestSegmenter::segments_data()
{
    QTest::addColumn<Transcript>("input");
    QTest::addColumn<QString>("preset"); // empty: the default for the language
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("two short sentences share a cue, broken at the sentence end")
        << oneSegment(spoken(u"It is a truth universally acknowledged./600 "
                             "The man must want a wife."_s))
        << u"netflix-en"_s
        << QStringList{u"It is a truth universally acknowledged.\nThe man must want a wife."_s};
    QTest::newRow("a sentence end is preferred to a clause mark")
        << oneSegment(spoken(u"However little known the feelings, or views of such a man may "
                             "be./300 On his first entering a neighbourhood this truth is so "
                             "well fixed, that he is considered their property."_s))
        << u"netflix-en"_s
        << QStringList{u"However little known the feelings,\nor views of such a man may be."_s,
                       u"On his first entering a neighbourhood\nthis truth is so well fixed,"_s,
                       u"that he is considered their property."_s};
    QTest::newRow("a clause mark is preferred to a plain gap")
        << oneSegment(spoken(u"When a woman has five grown-up daughters in the house, she ought "
                             "to give over thinking of her own beauty and her fine clothes"_s))
        << u"netflix-en"_s
        << QStringList{
               u"When a woman has five\ngrown-up daughters in the house,"_s,
               u"she ought to give over thinking\nof her own beauty and her fine clothes"_s};
    QTest::newRow("a pause is preferred to a plain gap")
        << oneSegment(spoken(u"you must indeed go and see him when he comes/400 into the "
                             "neighbourhood because otherwise we shall never be invited to the "
                             "ball"_s))
        << u"netflix-en"_s
        << QStringList{u"you must indeed go\nand see him when he comes"_s,
                       u"into the neighbourhood because otherwise\nwe shall never be invited to "
                       "the ball"_s};
    QTest::newRow("two-line cues are bottom-heavy")
        << oneSegment(spoken(u"I certainly have had my share of beauty but I do not pretend"_s))
        << u"netflix-en"_s
        << QStringList{u"I certainly have had my share\nof beauty but I do not pretend"_s};
    QTest::newRow("no article, preposition or conjunction at the end of line one")
        << oneSegment(spoken(u"They are all silly and ignorant like the other girls of the town"_s))
        << u"netflix-en"_s
        << QStringList{u"They are all silly and ignorant\nlike the other girls of the town"_s};
    QTest::newRow("a speaker change starts a new cue")
        << oneSegment(spoken(u"A: What is his name?/300 B: Bingley./300 A: Is he married?"_s))
        << u"netflix-en"_s
        << QStringList{u"What is his name?"_s, u"Bingley."_s, u"Is he married?"_s};
    QTest::newRow("two speakers alternating every word: one cue per word")
        << oneSegment(spoken(u"A: one B: two A: three B: four A: five B: six"_s)) << u"netflix-en"_s
        << QStringList{u"one"_s, u"two"_s, u"three"_s, u"four"_s, u"five"_s, u"six"_s};
    QTest::newRow("OpenAI words with leading spaces")
        << oneSegment(
               withText(spoken(u"a b c d"_s), {u" Hello,"_s, u" my"_s, u" dear"_s, u" friend."_s}))
        << u"netflix-en"_s << QStringList{u"Hello, my dear friend."_s};
    QTest::newRow("DashScope words with trailing spaces and punctuation")
        << oneSegment(withText(spoken(u"a b c d"_s),
                               {u"Hello "_s, u"world, "_s, u"good "_s, u"morning. "_s}))
        << u"netflix-en"_s << QStringList{u"Hello world, good morning."_s};
    QTest::newRow("punctuation as separate words is attached")
        << oneSegment(withText(spoken(u"a b c d e f"_s),
                               {u"Hello"_s, u","_s, u"world"_s, u"."_s, u"Bye"_s, u"!"_s}))
        << u"netflix-en"_s << QStringList{u"Hello, world. Bye!"_s};
    QTest::newRow("punctuation only in the segment text is kept (OpenAI verbose_json)")
        << transcript({segment(spoken(u"My dear Mr Bennet said his lady have you heard that "
                                      "Netherfield Park is let at last"_s),
                               u"\"My dear Mr. Bennet,\" said his lady, \"have you heard that "
                               "Netherfield Park is let at last?\""_s)})
        << u"netflix-en"_s
        << QStringList{u"\"My dear Mr. Bennet,\" said his lady,"_s,
                       u"\"have you heard that Netherfield\nPark is let at last?\""_s};
    QTest::newRow("Chinese: characters counted, full-width punctuation breaks")
        << oneSegment(
               characters(u"欢迎使用阿里云语音识别服务。今天天气很好，我们一起去公园散步吧。"_s),
               u"zh"_s)
        << QString()
        << QStringList{u"欢迎使用阿里云语音识别服务。"_s,
                       u"今天天气很好，\n我们一起去公园散步吧。"_s};
    QTest::newRow("Japanese uses the CJK preset")
        << oneSegment(characters(u"今日はいい天気ですね。散歩に行きましょう。"_s), u"ja"_s)
        << QString() << QStringList{u"今日はいい天気ですね。\n散歩に行きましょう。"_s};
    QTest::newRow("Korean keeps its spaces and counts characters")
        << transcript({segment(withText(spoken(u"a b c d e f"_s),
                                        {u"안녕하세요."_s, u"오늘은"_s, u"날씨가"_s, u"정말"_s,
                                         u"좋네요."_s, u"산책하러 가요."_s}),
                               u"안녕하세요. 오늘은 날씨가 정말 좋네요. 산책하러 가요."_s)},
                      u"ko"_s)
        << QString() << QStringList{u"안녕하세요. 오늘은 날씨가\n정말 좋네요. 산책하러 가요."_s};
    QTest::newRow("mixed Latin and CJK keeps the spaces of the text")
        << transcript({segment(characters(u"我用iPhone拍照。"_s).mid(0, 2) +
                                   withText(spoken(u"x"_s, 600), {u"iPhone"_s}) +
                                   characters(u"拍照。"_s, 1000),
                               u"我用 iPhone 拍照。"_s)},
                      u"zh"_s)
        << QString() << QStringList{u"我用 iPhone 拍照。"_s};
    QTest::newRow("300 characters without punctuation")
        << oneSegment(spoken(u"and then we walked along the river for a long time talking about "
                             "everything that had happened in the village since the summer began "
                             "and how the old mill had finally closed its doors after so many "
                             "years of grinding corn for every family in the valley while the "
                             "children played on the bridge and the dogs barked at the passing "
                             "carts of the traders"_s))
        << u"netflix-en"_s << QStringList();
    QTest::newRow("overlapping provider segments stay in time order")
        << transcript(
               {segment(spoken(u"The first speaker talks here for a while./200 And on."_s, 0)),
                segment(spoken(u"The second segment overlaps the first one."_s, 2000))})
        << u"netflix-en"_s << QStringList();
    QTest::newRow("zero-length words")
        << oneSegment(spoken(u"Zero length words still count./0 Really they do./0 Yes."_s, 0, 0))
        << u"netflix-en"_s
        << QStringList{u"Zero length words still count.\nReally they do. Yes."_s};
    QTest::newRow("a word longer than a line stays whole")
        << oneSegment(withText(spoken(u"a b"_s), {u"Pneumonoultramicroscopicsilicovolcanoconiosis-"
                                                  "supercalifragilistic"_s,
                                                  u"indeed."_s}))
        << u"netflix-en"_s
        << QStringList{u"Pneumonoultramicroscopicsilicovolcanoconiosis-supercalifragilistic"_s,
                       u"indeed."_s};
    QTest::newRow("the Relaxed preset fills longer lines")
        << oneSegment(spoken(u"When a woman has five daughters in the house, she ought to give "
                             "over thinking of her own beauty"_s))
        << u"relaxed"_s
        << QStringList{u"When a woman has five daughters in the house,\nshe ought to give over "
                       "thinking of her own beauty"_s};
    QTest::newRow("the same words under Netflix English need two cues")
        << oneSegment(spoken(u"When a woman has five daughters in the house, she ought to give "
                             "over thinking of her own beauty"_s))
        << u"netflix-en"_s
        << QStringList{u"When a woman has five\ndaughters in the house,"_s,
                       u"she ought to give\nover thinking of her own beauty"_s};
}

void TestSegmenter::segments()
{
    QFETCH(Transcript, input);
    QFETCH(QString, preset);
    QFETCH(QStringList, expected);
    const RulePreset p = preset.isEmpty()
                             ? defaultPresetFor(input.language, input.segments.value(0).text)
                             : ::preset(preset);
    const Segmentation s =
        preset.isEmpty() ? segmentTranscript(input) : segmentTranscript(input, p);
    verifyInvariants(input, s, p);
    QVERIFY(!s.approximate);
    if (!expected.isEmpty())
        QCOMPARE(texts(s.cues), expected);
}

void TestSegmenter::timing_data()
{
    QTest::addColumn<Transcript>("input");
    QTest::addColumn<QList<qint64>>("times"); // start, end of each cue
    // One 300 ms word alone, silence after: extended to the minimum duration.
    QTest::newRow("extended into silence to the minimum duration")
        << oneSegment(spoken(u"Yes./3000 No."_s, 1000)) << QList<qint64>{1000, 1833, 4300, 5133};
    // 39 characters need 1950 ms at 20 characters per second; the words end at 1450.
    QTest::newRow("extended into silence for the CPS limit")
        << oneSegment(spoken(u"Quickly spoken words need reading time./4000 Ok."_s, 0, 200))
        << QList<qint64>{0, 1950, 5450, 6283};
    QTest::newRow("extension stops the minimum gap before the next cue")
        << transcript({segment(spoken(u"A: Yes./400"_s, 1000)), segment(spoken(u"B: No."_s, 1700))})
        << QList<qint64>{1000, 1617, 1700, 2533};
    QTest::newRow("one word longer than the maximum duration")
        << oneSegment(spoken(u"Ooooh./100"_s, 0, 9000) + spoken(u"then."_s, 9100))
        << QList<qint64>{0, 9000, 9100, 9933};
    QTest::newRow("words closer than the minimum gap: the cue ends early")
        << transcript(
               {segment(spoken(u"A: Right./10"_s, 0, 900)), segment(spoken(u"B: Left."_s, 910))})
        << QList<qint64>{0, 827, 910, 1743};
}

void TestSegmenter::timing()
{
    QFETCH(Transcript, input);
    QFETCH(QList<qint64>, times);
    const RulePreset p = preset(u"netflix-en"_s);
    const Segmentation s = segmentTranscript(input, p);
    verifyInvariants(input, s, p);
    QList<qint64> actual;
    for (const Cue &c : s.cues)
        actual << c.start << c.end;
    QCOMPARE(actual, times);
}

void TestSegmenter::wordlessSegmentsAreApproximate_data()
{
    QTest::addColumn<Transcript>("input");
    QTest::addColumn<int>("cues");
    TranscriptSegment twelve;
    twelve.start = 3000;
    twelve.end = 15000;
    twelve.text = u"This long segment came without any word timings, so the segmenter has to "
                  "split its text and spread the twelve seconds over the characters. The "
                  "result is flagged as approximate."_s;
    QTest::newRow("a single 12-second word-less segment") << transcript({twelve}) << 3;
    TranscriptSegment chinese;
    chinese.start = 0;
    chinese.end = 12000;
    chinese.text =
        u"这是一段没有词级时间戳的长句子，分段器需要按照字符数分配时间。结果被标记为近似。"_s;
    QTest::newRow("a word-less Chinese segment") << transcript({chinese}, u"zh"_s) << 3;
    Transcript textOnly;
    textOnly.language = u"en"_s;
    textOnly.duration = 6000;
    textOnly.text = u"Only text. No segments at all."_s;
    QTest::newRow("text without segments spreads over the duration") << textOnly << 1;
}

void TestSegmenter::wordlessSegmentsAreApproximate()
{
    QFETCH(Transcript, input);
    QFETCH(int, cues);
    const Segmentation s = segmentTranscript(input);
    const RulePreset p = defaultPresetFor(input.language, QString());
    QVERIFY(s.approximate);
    QCOMPARE(s.cues.size(), cues);
    QString joined;
    for (qsizetype i = 0; i < s.cues.size(); ++i) {
        const Cue &c = s.cues[i];
        QVERIFY(c.words.isEmpty());
        QVERIFY2(c.duration() <= p.maxDuration, qPrintable(c.text));
        for (const QString &line : c.text.split(u'\n'))
            QVERIFY2(visibleLength(line) <= p.maxCharsPerLine, qPrintable(line));
        if (i > 0)
            QVERIFY(c.start >= s.cues[i - 1].end + p.minGap);
        joined += c.text + u'\n';
    }
    // Line and cue breaks are spaces, or nothing between two CJK characters.
    for (qsizetype i = joined.indexOf(u'\n'); i >= 0; i = joined.indexOf(u'\n')) {
        const bool cjk = i > 0 && i + 1 < joined.size() && isCjk(joined[i - 1].unicode()) &&
                         isCjk(joined[i + 1].unicode());
        joined.replace(i, 1, cjk ? QString() : u" "_s);
    }
    const QString source = input.segments.isEmpty() ? input.text : input.segments.first().text;
    QCOMPARE(joined.trimmed(), source);
    const qint64 first = input.segments.isEmpty() ? 0 : input.segments.first().start;
    const qint64 last = input.segments.isEmpty() ? input.duration : input.segments.first().end;
    QCOMPARE(s.cues.first().start, first);
    QVERIFY(s.cues.last().end <= std::max(last, s.cues.last().start + p.minDuration));
}

void TestSegmenter::resegmentsCuesWithoutWordsByText()
{
    Cue c;
    c.start = 0;
    c.end = 8000;
    c.text = u"<i>An SRT cue without words</i> that is much too long for one subtitle line, "
             "so re-segmenting splits it by its text."_s;
    const Segmentation s = resegmentCues({c}, preset(u"netflix-en"_s), u"en");
    QVERIFY(s.approximate);
    QCOMPARE(texts(s.cues), (QStringList{u"An SRT cue without words that is\nmuch too long for one "
                                         "subtitle line,"_s,
                                         u"so re-segmenting splits it by its text."_s}));
    QCOMPARE(s.cues.first().start, 0);
    QVERIFY(s.cues.last().end <= 8000);
}

void TestSegmenter::reflowIsOneUndoStep_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("expected");
    // Under Netflix English "...of a good fortune," does not fit a line: the only break that
    // leaves no function word at the end of line one is after "good".
    QTest::newRow("Netflix English")
        << u"netflix-en"_s
        << QStringList{u"Intro"_s, u"It is a truth universally acknowledged,"_s,
                       u"that a single man in possession of a good\nfortune, must be in want of a "
                       "wife."_s,
                       u"Outro"_s};
    QTest::newRow("Relaxed") << u"relaxed"_s
                             << QStringList{u"Intro"_s,
                                            u"It is a truth universally acknowledged,"_s,
                                            u"that a single man in possession of a good fortune,\n"
                                            "must be in want of a wife."_s,
                                            u"Outro"_s};
}

void TestSegmenter::reflowIsOneUndoStep()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, expected);
    // Three badly cut cues between two untouched ones.
    const Words w = spoken(u"It is a truth universally acknowledged,/300 that a single man in "
                           "possession of a good fortune,/300 must be in want of a wife."_s,
                           2000);
    Cues cues;
    Cue intro;
    intro.start = 0;
    intro.end = 1500;
    intro.text = u"Intro"_s;
    cues.append(intro);
    const QList<int> cuts = {0, 3, 12, int(w.size())};
    for (int k = 0; k + 1 < cuts.size(); ++k) {
        Cue c;
        c.words = w.mid(cuts[k], cuts[k + 1] - cuts[k]);
        c.start = c.words.first().start;
        c.end = c.words.last().end;
        c.text = textOfWords(c.words);
        cues.append(c);
    }
    Cue outro;
    outro.start = w.last().end + 100;
    outro.end = outro.start + 1000;
    outro.text = u"Outro"_s;
    cues.append(outro);

    Document doc;
    QVERIFY(doc.load(cues).ok());
    const Cues original = doc.track()->cues();
    const QList<CueId> ids = doc.track()->idsInRows(1, 3);
    const Result<QList<CueId>> r = reflowCues(doc, ids, ::preset(preset));
    QVERIFY(r.ok());
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), u"Re-flow"_s);
    QCOMPARE(texts(doc.track()->cues()), expected);
    Words kept;
    for (CueId id : *r)
        kept += doc.track()->find(id)->words;
    QCOMPARE(kept, w);
    const Cue &last = *doc.track()->find(r->last());
    QVERIFY(last.end <= outro.start - ::preset(preset).minGap);
    doc.undoStack()->undo();
    QCOMPARE(doc.track()->cues(), original);
    QVERIFY(!reflowCues(doc, {999}, ::preset(preset)).ok());
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestSegmenter::segmentedTranscriptPassesTheChecker()
{
    // A realistic stretch of speech: the segmenter's output has no violation at all.
    const Words w = spoken(
        u"It is a truth universally acknowledged,/250 that a single man in possession of a good "
        "fortune,/300 must be in want of a wife./700 However little known the feelings or views of "
        "such a man may be on his first entering a neighbourhood,/300 this truth is so well fixed "
        "in the minds of the surrounding families,/250 that he is considered the rightful property "
        "of some one or other of their daughters./800 My dear Mr. Bennet,/200 said his lady to "
        "him one day,/300 have you heard that Netherfield Park is let at last?"_s,
        500, 320);
    const Transcript t = oneSegment(w);
    const RulePreset p = preset(u"netflix-en"_s);
    Segmentation s = segmentTranscript(t, p);
    verifyInvariants(t, s, p);
    for (qsizetype i = 0; i < s.cues.size(); ++i)
        s.cues[i].id = i + 1;
    const QList<Violation> v = checkCues(s.cues, p);
    QVERIFY2(v.isEmpty(), qPrintable(v.value(0).message));
}

QTEST_GUILESS_MAIN(TestSegmenter)
#include "tst_segmenter.moc"
