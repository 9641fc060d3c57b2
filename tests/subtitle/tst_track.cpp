#include "track.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Cue cue(qint64 start, qint64 end, const QString &text, Words words = {})
{
    Cue c;
    c.start = start;
    c.end = end;
    c.text = text;
    c.words = std::move(words);
    return c;
}

Word word(qint64 start, qint64 end, const QString &text)
{
    Word w;
    w.start = start;
    w.end = end;
    w.text = text;
    return w;
}

QStringList texts(const Track &t)
{
    QStringList out;
    for (const Cue &c : t.cues())
        out.append(c.text);
    return out;
}

// A cue "The quick brown fox" from 1000 to 3000 with one word per 500 ms.
Cue foxCue()
{
    return cue(1000, 3000, u"The quick brown fox"_s,
               {word(1000, 1400, u"The"_s), word(1500, 1900, u" quick"_s),
                word(2000, 2400, u" brown"_s), word(2500, 2900, u" fox"_s)});
}

} // namespace

class TestTrack : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void insertKeepsTimeOrderAndStableIds();
    void idsAreNeverReused();
    void invalidOperationsChangeNothing_data();
    void invalidOperationsChangeNothing();
    void removeEmitsContiguousRuns();
    void retimeMovesRowWithOneMove();
    void shiftAllMovesNothing();
    void splitAtTimeWordsFollowTheirSide();
    void splitAtWord();
    void splitWithoutWordsUsesProportion();
    void splitBalancesTags();
    void mergeConcatenatesWords();
    void twoPointSync();
    void frameRateConversion();
    void retimeKeepsWords();
    void changeNotificationsAreExact();
};

void TestTrack::insertKeepsTimeOrderAndStableIds()
{
    Track t;
    auto a = t.insert(cue(5000, 6000, u"b"_s));
    auto b = t.insert(cue(1000, 2000, u"a"_s));
    auto c = t.insert(cue(9000, 9500, u"c"_s));
    QVERIFY(a.ok() && b.ok() && c.ok());
    QCOMPARE(texts(t), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    QCOMPARE(t.rowOf(*a), 1);
    QCOMPARE(t.rowOf(*b), 0);
    QCOMPARE(t.find(*c)->text, u"c"_s);
    QCOMPARE(t.rowAtOrBefore(5500), 1);
    QCOMPARE(t.rowAtOrBefore(500), -1);
}

void TestTrack::idsAreNeverReused()
{
    Track t;
    auto a = t.insert(cue(0, 10, u"a"_s));
    QVERIFY(t.remove({*a}).ok());
    auto b = t.insert(cue(0, 10, u"b"_s));
    QVERIFY(*b != *a);
    // Re-inserting with an explicit id (undo of a removal) keeps that id.
    Cue old = cue(20, 30, u"a"_s);
    old.id = *a;
    auto again = t.insert(old);
    QVERIFY(again.ok());
    QCOMPARE(*again, *a);
    QVERIFY(!t.insert(old).ok()); // an id in use is refused
}

void TestTrack::invalidOperationsChangeNothing_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("negative start") << 0;
    QTest::newRow("end before start") << 1;
    QTest::newRow("unknown id") << 2;
    QTest::newRow("split outside cue") << 3;
    QTest::newRow("split at first word") << 4;
    QTest::newRow("merge last cue") << 5;
    QTest::newRow("shift before zero") << 6;
    QTest::newRow("batch insert with one bad cue") << 7;
    QTest::newRow("remove with one unknown id") << 8;
    QTest::newRow("two-point sync with equal points") << 9;
}

void TestTrack::invalidOperationsChangeNothing()
{
    QFETCH(int, operation);
    Track t;
    QVERIFY(t.reset({cue(0, 1000, u"a"_s), foxCue(), cue(4000, 5000, u"c"_s)}).ok());
    const Cues before = t.cues();
    const CueId first = t.at(0).id, fox = t.at(1).id, last = t.at(2).id;
    QSignalSpy changed(&t, &Track::cuesChanged);
    QSignalSpy inserted(&t, &Track::cuesInserted);
    QSignalSpy removed(&t, &Track::cuesRemoved);
    bool ok = true;
    switch (operation) {
    case 0:
        ok = t.setTimes(first, -1, 10).ok();
        break;
    case 1:
        ok = t.setTimes(first, 500, 100).ok();
        break;
    case 2:
        ok = t.setText(999, u"x"_s).ok();
        break;
    case 3:
        ok = t.splitAt(fox, 3000).ok();
        break;
    case 4:
        ok = t.splitAtWord(fox, 0).ok();
        break;
    case 5:
        ok = t.mergeWithNext(last).ok();
        break;
    case 6:
        ok = t.shift(t.allIds(), -500).ok();
        break;
    case 7:
        ok = t.insert(Cues{cue(10, 20, u"ok"_s), cue(30, 20, u"bad"_s)}).ok();
        break;
    case 8:
        ok = t.remove({first, 12345}).ok();
        break;
    case 9:
        ok = TimeMap::twoPoint(1000, 2000, 1000, 3000).ok();
        break;
    }
    QVERIFY(!ok);
    QCOMPARE(t.cues(), before);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
}

void TestTrack::removeEmitsContiguousRuns()
{
    Track t;
    Cues cues;
    for (int i = 0; i < 6; ++i)
        cues.append(cue(i * 1000, i * 1000 + 500, QString::number(i)));
    QVERIFY(t.reset(cues).ok());
    QSignalSpy removed(&t, &Track::cuesRemoved);
    QVERIFY(t.remove({t.at(1).id, t.at(2).id, t.at(4).id}).ok());
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed[0], (QVariantList{4, 4}));
    QCOMPARE(removed[1], (QVariantList{1, 2}));
    QCOMPARE(texts(t), (QStringList{u"0"_s, u"3"_s, u"5"_s}));
}

void TestTrack::retimeMovesRowWithOneMove()
{
    Track t;
    Cues cues;
    for (int i = 0; i < 5; ++i)
        cues.append(cue(i * 1000, i * 1000 + 500, QString::number(i)));
    QVERIFY(t.reset(cues).ok());
    QSignalSpy moved(&t, &Track::cueMoved);
    QSignalSpy changed(&t, &Track::cuesChanged);
    // Move cue 0 after cue 3.
    QVERIFY(t.setTimes(t.at(0).id, 3600, 3700).ok());
    QCOMPARE(texts(t), (QStringList{u"1"_s, u"2"_s, u"3"_s, u"0"_s, u"4"_s}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved[0], (QVariantList{0, 4}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toInt(), 3);
    QCOMPARE(changed[0][1].toInt(), 3);
    // And back to the front.
    QVERIFY(t.setTimes(t.at(3).id, 0, 500).ok());
    QCOMPARE(moved.count(), 2);
    QCOMPARE(moved[1], (QVariantList{3, 0}));
    QCOMPARE(texts(t), (QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
}

void TestTrack::shiftAllMovesNothing()
{
    Track t;
    Cues cues;
    for (int i = 0; i < 1000; ++i)
        cues.append(cue(i * 100, i * 100 + 400, QString::number(i))); // overlapping cues
    QVERIFY(t.reset(cues).ok());
    QSignalSpy moved(&t, &Track::cueMoved);
    QSignalSpy changed(&t, &Track::cuesChanged);
    QVERIFY(t.shift(t.allIds(), 2500).ok());
    QCOMPARE(moved.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toInt(), 0);
    QCOMPARE(changed[0][1].toInt(), 999);
    QCOMPARE(t.at(0).start, 2500);
    QCOMPARE(t.at(999).end, 102800);
}

void TestTrack::splitAtTimeWordsFollowTheirSide()
{
    Track t;
    QVERIFY(t.reset({foxCue()}).ok());
    const CueId id = t.at(0).id;
    // 1950 lies between "quick" (1500-1900) and "brown" (2000-2400).
    auto right = t.splitAt(id, 1950);
    QVERIFY(right.ok());
    QCOMPARE(t.count(), 2);
    QCOMPARE(t.at(0).id, id);
    QCOMPARE(t.at(0).text, u"The quick"_s);
    QCOMPARE(t.at(0).end, 1950);
    QCOMPARE(t.at(0).words.size(), 2);
    QCOMPARE(t.at(1).id, *right);
    QCOMPARE(t.at(1).text, u"brown fox"_s);
    QCOMPARE(t.at(1).start, 1950);
    QCOMPARE(t.at(1).words.size(), 2);
    QCOMPARE(t.at(1).words[0].text, u" brown"_s);
}

void TestTrack::splitAtWord()
{
    Track t;
    QVERIFY(t.reset({foxCue()}).ok());
    auto right = t.splitAtWord(t.at(0).id, 3);
    QVERIFY(right.ok());
    QCOMPARE(t.at(0).text, u"The quick brown"_s);
    QCOMPARE(t.at(1).text, u"fox"_s);
    QCOMPARE(t.at(1).start, 2500);
    QCOMPARE(t.at(0).end, 2500);
}

void TestTrack::splitWithoutWordsUsesProportion()
{
    Track t;
    QVERIFY(t.reset({cue(0, 4000, u"one two three four"_s), cue(5000, 7000, u"top\nbottom"_s),
                     cue(8000, 10000, u"中文字幕测试"_s)})
                .ok());
    QVERIFY(t.splitAt(t.at(0).id, 2000).ok());
    QCOMPARE(t.at(0).text, u"one two"_s);
    QCOMPARE(t.at(1).text, u"three four"_s);
    QVERIFY(t.splitAt(t.at(2).id, 5500).ok()); // two lines: split at the line break
    QCOMPARE(t.at(2).text, u"top"_s);
    QCOMPARE(t.at(3).text, u"bottom"_s);
    QVERIFY(t.splitAt(t.at(4).id, 9000).ok()); // no spaces: proportional character
    QCOMPARE(t.at(4).text, u"中文字"_s);
    QCOMPARE(t.at(5).text, u"幕测试"_s);
}

void TestTrack::splitBalancesTags()
{
    Track t;
    QVERIFY(t.reset({cue(0, 4000, u"<i>one two three four</i>"_s)}).ok());
    QVERIFY(t.splitAt(t.at(0).id, 2000).ok());
    QCOMPARE(t.at(0).text, u"<i>one two</i>"_s);
    QCOMPARE(t.at(1).text, u"<i>three four</i>"_s);
}

void TestTrack::mergeConcatenatesWords()
{
    Track t;
    QVERIFY(t.reset({foxCue()}).ok());
    const CueId id = t.at(0).id;
    QVERIFY(t.splitAtWord(id, 2).ok());
    QVERIFY(t.mergeWithNext(id).ok());
    QCOMPARE(t.count(), 1);
    QCOMPARE(t.at(0).id, id);
    QCOMPARE(t.at(0).start, 1000);
    QCOMPARE(t.at(0).end, 3000);
    QCOMPARE(t.at(0).words, foxCue().words);
    QCOMPARE(t.at(0).text, u"The quick\nbrown fox"_s);
}

void TestTrack::twoPointSync()
{
    Track t;
    QVERIFY(t.reset({cue(1000, 2000, u"a"_s), cue(11000, 12000, u"b"_s)}).ok());
    // Subtitles drift: 1 s should be 2 s and 11 s should be 22 s.
    auto map = TimeMap::twoPoint(1000, 2000, 11000, 22000);
    QVERIFY(map.ok());
    QVERIFY(t.mapTimes(t.allIds(), *map).ok());
    QCOMPARE(t.at(0).start, 2000);
    QCOMPARE(t.at(0).end, 4000);
    QCOMPARE(t.at(1).start, 22000);
    QCOMPARE(t.at(1).end, 24000);
}

void TestTrack::frameRateConversion()
{
    Track t;
    QVERIFY(t.reset({cue(1001, 2002, u"a"_s)}).ok());
    auto map = TimeMap::frameRate(23.976, 25.0);
    QVERIFY(map.ok());
    QVERIFY(t.mapTimes(t.allIds(), *map).ok());
    QCOMPARE(t.at(0).start, 960); // 1001 * 23.976 / 25 = 959.96
    QCOMPARE(t.at(0).end, 1920);
    QVERIFY(!TimeMap::frameRate(0, 25).ok());
}

void TestTrack::retimeKeepsWords()
{
    Track t;
    QVERIFY(t.reset({foxCue()}).ok());
    const CueId id = t.at(0).id;
    QVERIFY(t.setTimes(id, 2000, 4000).ok()); // moved, same duration: words move along
    QCOMPARE(t.at(0).words[0].start, 2000);
    QCOMPARE(t.at(0).words[3].end, 3900);
    QVERIFY(t.setTimes(id, 2500, 3000).ok()); // shortened: words clamped into the span
    QCOMPARE(t.at(0).words[0].start, 2500);
    QCOMPARE(t.at(0).words[0].end, 2500);
    QCOMPARE(t.at(0).words[3].start, 3000);
}

void TestTrack::changeNotificationsAreExact()
{
    Track t;
    QVERIFY(t.reset({cue(0, 1000, u"a"_s), cue(2000, 3000, u"b"_s)}).ok());
    QSignalSpy changed(&t, &Track::cuesChanged);
    QVERIFY(t.setText(t.at(1).id, u"B"_s).ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toInt(), 1);
    QCOMPARE(changed[0][2].value<Track::Changes>(), Track::Changes(Track::TextChanged));
    QVERIFY(t.setText(t.at(1).id, u"B"_s).ok()); // no change, no signal
    QCOMPARE(changed.count(), 1);
    QVERIFY(t.setTimes(t.at(0).id, 0, 1500).ok());
    QCOMPARE(changed[1][2].value<Track::Changes>(), Track::Changes(Track::TimesChanged));
}

QTEST_GUILESS_MAIN(TestTrack)
#include "tst_track.moc"
