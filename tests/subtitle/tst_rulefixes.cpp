#include "cuetext.h"
#include "document.h"
#include "rulefixes.h"
#include "track.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Cue cue(CueId id, qint64 start, qint64 end, const QString &text, Words words = {})
{
    Cue c;
    c.id = id;
    c.start = start;
    c.end = end;
    c.text = text;
    c.words = std::move(words);
    return c;
}

// Words of `text` from `start`, `step` ms apart, each lasting step - 50 ms.
Words words(const QString &text, qint64 start, qint64 step)
{
    Words out;
    qint64 t = start;
    for (const QString &w : text.split(u' ', Qt::SkipEmptyParts)) {
        Word word;
        word.text = w;
        word.start = t;
        word.end = t + step - 50;
        t += step;
        out.append(word);
    }
    return out;
}

Cue spokenCue(CueId id, qint64 start, const QString &text, qint64 step, qint64 end = -1)
{
    Cue c = cue(id, start, 0, text, words(text, start, step));
    c.end = end >= 0 ? end : c.words.last().end;
    return c;
}

QString describe(const Cue &c)
{
    return u"%1 %2 %3 %4"_s.arg(c.id).arg(c.start).arg(c.end).arg(c.text);
}

QStringList describe(const Cues &cues)
{
    QStringList out;
    for (const Cue &c : cues)
        out.append(describe(c));
    return out;
}

const RulePreset &netflix()
{
    static const RulePreset p = *presetById(u"netflix-en");
    return p;
}

std::optional<Fix> build(const QString &kind, const Cues &cues, int row)
{
    if (kind == u"extend")
        return extendIntoSilence(cues, row, netflix());
    if (kind == u"trim")
        return trimToMaximum(cues, row, netflix());
    if (kind == u"closegap")
        return closeGap(cues, row, netflix());
    if (kind == u"rebalance")
        return rebalanceLines(cues[row], netflix(), u"en");
    if (kind == u"split")
        return splitAtBestWord(cues, row, netflix(), u"en");
    if (kind == u"merge")
        return mergeWithNeighbour(cues, row, netflix(), u"en");
    return std::nullopt;
}

QString kindName(FixKind k)
{
    switch (k) {
    case FixKind::Extend:
        return u"extend"_s;
    case FixKind::Trim:
        return u"trim"_s;
    case FixKind::CloseGap:
        return u"closegap"_s;
    case FixKind::Rebalance:
        return u"rebalance"_s;
    case FixKind::Split:
        return u"split"_s;
    case FixKind::Merge:
        return u"merge"_s;
    }
    return {};
}

const QString kLong = u"This is a very long single line of subtitle text that needs two lines"_s;

} // namespace

class TestRuleFixes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixes_data();
    void fixes();
    void fixesForRules_data();
    void fixesForRules();
    void applyFixIsOneUndoStep_data();
    void applyFixIsOneUndoStep();
    void staleFixIsRefused();
    void fixAllIsOneUndoStep();
};

void TestRuleFixes::fixes_data()
{
    QTest::addColumn<Cues>("cues");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("after"); // empty: the fix does not apply
    QTest::addColumn<bool>("safe");

    QTest::newRow("extend to the minimum duration")
        << Cues{cue(1, 1000, 1300, u"Yes."_s), cue(2, 5000, 6000, u"No."_s)} << 0 << u"extend"_s
        << QStringList{u"1 1000 1833 Yes."_s} << true;
    QTest::newRow("extend for the CPS limit: 39 characters need 1950 ms")
        << Cues{cue(1, 0, 1000, u"Quickly spoken words need reading time."_s),
                cue(2, 5000, 6000, u"No."_s)}
        << 0 << u"extend"_s << QStringList{u"1 0 1950 Quickly spoken words need reading time."_s}
        << true;
    QTest::newRow("extend up to the next cue, then start earlier")
        << Cues{cue(1, 0, 500, u"A"_s), cue(2, 1000, 1400, u"Yes."_s), cue(3, 1500, 3000, u"B"_s)}
        << 1 << u"extend"_s << QStringList{u"2 584 1417 Yes."_s} << true;
    QTest::newRow("extend does not apply to a long enough cue")
        << Cues{cue(1, 0, 2000, u"Fine."_s)} << 0 << u"extend"_s << QStringList() << false;
    QTest::newRow("trim to the maximum duration after the last word")
        << Cues{spokenCue(1, 0, u"a few words here"_s, 1500, 9000)} << 0 << u"trim"_s
        << QStringList{u"1 0 7000 a few words here"_s} << true;
    QTest::newRow("trimming into words is not safe")
        << Cues{spokenCue(1, 0, u"a few words that go on"_s, 1600, 9000)} << 0 << u"trim"_s
        << QStringList{u"1 0 7000 a few words that go on"_s} << false;
    QTest::newRow("close a gap that is too small")
        << Cues{spokenCue(1, 0, u"one two"_s, 500, 1000), cue(2, 1050, 2000, u"three"_s)} << 0
        << u"closegap"_s << QStringList{u"1 0 967 one two"_s} << true;
    QTest::newRow("closing a large overlap cuts words: not safe")
        << Cues{spokenCue(1, 0, u"one two three four five six"_s, 500, 3000),
                cue(2, 1500, 4000, u"seven"_s)}
        << 0 << u"closegap"_s << QStringList{u"1 0 1417 one two three four five six"_s} << false;
    QTest::newRow("the next cue starts too early: start it later")
        << Cues{cue(1, 500, 1500, u"one"_s), cue(2, 520, 3000, u"two"_s)} << 0 << u"closegap"_s
        << QStringList{u"2 1583 3000 two"_s} << false;
    QTest::newRow("rebalance a long line into two")
        << Cues{cue(1, 0, 5000, kLong)} << 0 << u"rebalance"_s
        << QStringList{u"1 0 5000 This is a very long single line\nof subtitle text that needs two "
                       "lines"_s}
        << true;
    QTest::newRow("rebalance keeps markup")
        << Cues{cue(1, 0, 5000, u"<i>"_s + kLong + u"</i>"_s)} << 0 << u"rebalance"_s
        << QStringList{u"1 0 5000 <i>This is a very long single line\nof subtitle text that needs "
                       "two lines</i>"_s}
        << true;
    QTest::newRow("rebalance moves a dangling article; line two starts with the conjunction")
        << Cues{cue(1, 0, 5000, u"They are all silly and ignorant like the\nother girls"_s)} << 0
        << u"rebalance"_s
        << QStringList{u"1 0 5000 They are all silly\nand ignorant like the other girls"_s} << true;
    QTest::newRow("rebalance leaves a dialogue alone")
        << Cues{cue(1, 0, 5000,
                    u"- Hello there, how are you doing today, my old friend?\n- Fine."_s)}
        << 0 << u"rebalance"_s << QStringList() << false;
    QTest::newRow("rebalancing text too long for two lines is not safe")
        << Cues{cue(1, 0, 6000, kLong + u" and then some more words on top"_s)} << 0
        << u"rebalance"_s
        << QStringList{u"1 0 6000 This is a very long single line of subtitle text\nthat needs two "
                       "lines and then some more words on top"_s}
        << false;
    QTest::newRow("split at the best word: the clause mark")
        << Cues{spokenCue(1, 0,
                          u"It is a truth universally acknowledged, that a single man must be in "
                          "want of a wife."_s,
                          350)}
        << 0 << u"split"_s
        << QStringList{u"1 0 2017 It is a truth universally acknowledged,"_s,
                       u"0 2100 5900 that a single man must\nbe in want of a wife."_s}
        << false;
    QTest::newRow("split a cue without words by its text, balancing markup")
        << Cues{cue(1, 0, 6800,
                    u"<i>It is a truth universally acknowledged,</i> that a single "
                    "man must be in want of a wife."_s)}
        << 0 << u"split"_s
        << QStringList{u"1 0 3074 <i>It is a truth universally acknowledged,</i>"_s,
                       u"0 3157 6800 that a single man must\nbe in want of a wife."_s}
        << false;
    QTest::newRow("merge a short cue with the closer neighbour")
        << Cues{cue(1, 0, 900, u"Hello."_s), cue(2, 1200, 1500, u"Yes."_s),
                cue(3, 1600, 2700, u"No way."_s)}
        << 1 << u"merge"_s << QStringList{u"2 1200 2700 Yes. No way."_s} << false;
    QTest::newRow("merge never joins two speakers") << [] {
        Cues c{cue(1, 0, 900, u"Hello."_s), cue(2, 1000, 1300, u"Yes."_s),
               cue(3, 1400, 2500, u"No way."_s)};
        c[0].speaker = u"Ann"_s;
        c[1].speaker = u"Bob"_s;
        c[2].speaker = u"Cy"_s;
        return c;
    }() << 1 << u"merge"_s << QStringList() << false;
}

void TestRuleFixes::fixes()
{
    QFETCH(Cues, cues);
    QFETCH(int, row);
    QFETCH(QString, kind);
    QFETCH(QStringList, after);
    QFETCH(bool, safe);
    const std::optional<Fix> fix = build(kind, cues, row);
    if (after.isEmpty()) {
        QVERIFY2(!fix, fix ? qPrintable(describe(fix->after).join(u" | "_s)) : "");
        return;
    }
    QVERIFY(fix);
    QCOMPARE(kindName(fix->kind), kind);
    QVERIFY(!fix->name.isEmpty());
    QCOMPARE(describe(fix->after), after);
    QCOMPARE(fix->safe, safe);
    // Words are never lost or duplicated.
    Words before, kept;
    for (const Cue &c : fix->before)
        before += c.words;
    for (const Cue &c : fix->after)
        kept += c.words;
    if (fix->kind != FixKind::Trim && fix->kind != FixKind::CloseGap)
        QCOMPARE(kept.size(), before.size());
}

void TestRuleFixes::fixesForRules_data()
{
    QTest::addColumn<Cues>("cues");
    QTest::addColumn<int>("rule");
    QTest::addColumn<QStringList>("kinds");
    QTest::newRow("line too long: rebalance, then split")
        << Cues{spokenCue(1, 0, kLong, 350)} << int(Rule::LineTooLong)
        << QStringList{u"rebalance"_s, u"split"_s};
    QTest::newRow("too many lines: rebalance, then split")
        << Cues{cue(1, 0, 4000, u"one\ntwo\nthree"_s)} << int(Rule::TooManyLines)
        << QStringList{u"rebalance"_s, u"split"_s};
    QTest::newRow("too short: extend, then merge")
        << Cues{cue(1, 0, 300, u"Yes."_s), cue(2, 2000, 3000, u"No."_s)} << int(Rule::TooShort)
        << QStringList{u"extend"_s, u"merge"_s};
    QTest::newRow("CPS: extend, then merge")
        << Cues{cue(1, 0, 1000, kLong), cue(2, 5000, 6000, u"No."_s)} << int(Rule::CpsTooHigh)
        << QStringList{u"extend"_s, u"merge"_s};
    QTest::newRow("too long without words: split first (trimming is not safe)")
        << Cues{cue(1, 0, 9000, kLong)} << int(Rule::TooLong) << QStringList{u"trim"_s, u"split"_s};
    QTest::newRow("gap too small: close the gap, then merge")
        << Cues{cue(1, 0, 1000, u"a"_s), cue(2, 1050, 2000, u"b"_s)} << int(Rule::GapTooSmall)
        << QStringList{u"closegap"_s, u"merge"_s};
    QTest::newRow("overlap: close the gap, then merge")
        << Cues{cue(1, 0, 1500, u"a"_s), cue(2, 1000, 2000, u"b"_s)} << int(Rule::Overlap)
        << QStringList{u"closegap"_s, u"merge"_s};
    QTest::newRow("empty text has no fix")
        << Cues{cue(1, 0, 1500, QString())} << int(Rule::EmptyText) << QStringList();
    QTest::newRow("low confidence has no fix")
        << Cues{cue(1, 0, 1500, u"x"_s)} << int(Rule::LowConfidence) << QStringList();
}

void TestRuleFixes::fixesForRules()
{
    QFETCH(Cues, cues);
    QFETCH(int, rule);
    QFETCH(QStringList, kinds);
    Violation v;
    v.cue = cues[0].id;
    v.rule = Rule(rule);
    QStringList actual;
    for (const Fix &f : fixesFor(cues, v, netflix(), u"en"))
        actual.append(kindName(f.kind));
    QCOMPARE(actual, kinds);
}

void TestRuleFixes::applyFixIsOneUndoStep_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("count"); // cues after the fix
    QTest::newRow("extend") << u"extend"_s << 0 << 4;
    QTest::newRow("trim") << u"trim"_s << 3 << 4;
    QTest::newRow("close gap") << u"closegap"_s << 1 << 4;
    QTest::newRow("rebalance") << u"rebalance"_s << 1 << 4;
    QTest::newRow("split") << u"split"_s << 1 << 5;
    QTest::newRow("merge") << u"merge"_s << 0 << 3;
}

void TestRuleFixes::applyFixIsOneUndoStep()
{
    QFETCH(QString, kind);
    QFETCH(int, row);
    QFETCH(int, count);
    Document doc;
    QVERIFY(doc.load({cue(0, 0, 300, u"Hi."_s), spokenCue(0, 1000, kLong, 350),
                      cue(0, 4500, 6000, u"Later."_s), spokenCue(0, 8000, u"a b c"_s, 500, 17000)})
                .ok());
    const Cues original = doc.track()->cues();
    const std::optional<Fix> fix = build(kind, original, row);
    QVERIFY(fix);
    const Result<QList<CueId>> r = applyFix(doc, *fix);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), fix->name);
    QCOMPARE(doc.track()->count(), count);
    for (CueId id : *r)
        QVERIFY(doc.track()->find(id));
    const Cues fixed = doc.track()->cues();
    doc.undoStack()->undo();
    QCOMPARE(doc.track()->cues(), original);
    doc.undoStack()->redo();
    QCOMPARE(doc.track()->cues(), fixed);
}

void TestRuleFixes::staleFixIsRefused()
{
    Document doc;
    QVERIFY(doc.load({cue(0, 0, 300, u"Hi."_s), cue(0, 4000, 5000, u"Later."_s)}).ok());
    const std::optional<Fix> fix = extendIntoSilence(doc.track()->cues(), 0, netflix());
    QVERIFY(fix);
    QVERIFY(doc.setCueText(doc.track()->at(0).id, u"Hello."_s).ok());
    QVERIFY(!applyFix(doc, *fix).ok());
    QCOMPARE(doc.undoStack()->count(), 1);
}

void TestRuleFixes::fixAllIsOneUndoStep()
{
    Document doc;
    QVERIFY(doc.load({
                         cue(0, 0, 300, u"Hi."_s),                            // too short: extended
                         cue(0, 1000, 4000, kLong),                           // line: rebalanced
                         spokenCue(0, 4050, u"one two"_s, 400, 5990),         // gap: closed
                         cue(0, 6000, 6500, u"Over."_s),                      // short: not safe
                         spokenCue(0, 6400, u"a b c d e f g"_s, 1300, 20000), // long: cut words
                     })
                .ok());
    const Cues original = doc.track()->cues();
    const auto violations = [&] {
        QStringList out;
        for (const Violation &v : checkCues(doc.track()->cues(), netflix()))
            out.append(u"%1 %2"_s.arg(ruleName(v.rule)).arg(doc.track()->rowOf(v.cue)));
        return out;
    };
    QCOMPARE(violations(), (QStringList{u"too-short 0"_s, u"line-too-long 1"_s, u"cps-too-high 1"_s,
                                        u"gap-too-small 1"_s, u"gap-too-small 2"_s,
                                        u"too-short 3"_s, u"too-long 4"_s, u"overlap 3"_s}));
    const Result<int> r = fixAll(doc, netflix());
    QVERIFY(r.ok());
    QCOMPARE(*r, 3);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), u"Fix all"_s);
    // The rebalanced cue still reads too fast: the silence around it is not enough.
    QCOMPARE(violations(),
             (QStringList{u"cps-too-high 1"_s, u"too-short 3"_s, u"too-long 4"_s, u"overlap 3"_s}));
    doc.undoStack()->undo();
    QCOMPARE(doc.track()->cues(), original);
    // Nothing left that is safe: no second command.
    doc.undoStack()->redo();
    QCOMPARE(*fixAll(doc, netflix()), 0);
    QCOMPARE(doc.undoStack()->count(), 1);
}

QTEST_GUILESS_MAIN(TestRuleFixes)
#include "tst_rulefixes.moc"
