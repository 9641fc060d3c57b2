// Segmenter benchmark (issue 7): segments a generated, word-timed 3-hour transcript and reports the
// time taken and the share of cues with no violation under the Netflix English preset, next to the
// same transcript cut only at the provider's segment boundaries.
//
//   bench_segmenter [--hours H] [--wpm W] [--runs N]
//
// The speech is generated from the opening of Jane Austen's "Pride and Prejudice" (1813, public
// domain), paragraphs repeated in a seeded random order with a varying speaking rate, at W words
// per minute overall. Words are timed by their length, with short silences between words and
// pauses at punctuation (longer at sentence and paragraph ends). The provider output imitates
// OpenAI verbose_json: words without punctuation, segment texts with it, segments of 20-30 s
// ending at a sentence end when one falls in that window.

#include "rulechecker.h"
#include "rulepreset.h"
#include "segmenter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;

namespace {

const char16_t *const kText[] = {
    u"It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    u"must be in want of a wife.",
    u"However little known the feelings or views of such a man may be on his first entering a "
    u"neighbourhood, this truth is so well fixed in the minds of the surrounding families, that "
    u"he is considered the rightful property of some one or other of their daughters.",
    u"My dear Mr. Bennet, said his lady to him one day, have you heard that Netherfield Park is "
    u"let at last? Mr. Bennet replied that he had not. But it is, returned she; for Mrs. Long has "
    u"just been here, and she told me all about it. Mr. Bennet made no answer.",
    u"Do you not want to know who has taken it? cried his wife impatiently. You want to tell me, "
    u"and I have no objection to hearing it. This was invitation enough.",
    u"Why, my dear, you must know, Mrs. Long says that Netherfield is taken by a young man of "
    u"large fortune from the north of England; that he came down on Monday in a chaise and four "
    u"to see the place, and was so much delighted with it, that he agreed with Mr. Morris "
    u"immediately; that he is to take possession before Michaelmas, and some of his servants are "
    u"to be in the house by the end of next week.",
    u"What is his name? Bingley. Is he married or single? Oh! Single, my dear, to be sure! A "
    u"single man of large fortune; four or five thousand a year. What a fine thing for our girls!",
    u"How so? How can it affect them? My dear Mr. Bennet, replied his wife, how can you be so "
    u"tiresome! You must know that I am thinking of his marrying one of them. Is that his design "
    u"in settling here? Design! Nonsense, how can you talk so! But it is very likely that he may "
    u"fall in love with one of them, and therefore you must visit him as soon as he comes.",
    u"I see no occasion for that. You and the girls may go, or you may send them by themselves, "
    u"which perhaps will be still better, for as you are as handsome as any of them, Mr. Bingley "
    u"may like you the best of the party.",
    u"My dear, you flatter me. I certainly have had my share of beauty, but I do not pretend to be "
    u"anything extraordinary now. When a woman has five grown-up daughters, she ought to give "
    u"over thinking of her own beauty. In such cases, a woman has not often much beauty to think "
    u"of.",
    u"But, my dear, you must indeed go and see Mr. Bingley when he comes into the neighbourhood. "
    u"It is more than I engage for, I assure you. But consider your daughters. Only think what an "
    u"establishment it would be for one of them. Sir William and Lady Lucas are determined to go, "
    u"merely on that account, for in general, you know, they visit no newcomers. Indeed you must "
    u"go, for it will be impossible for us to visit him if you do not.",
    u"You are over-scrupulous, surely. I dare say Mr. Bingley will be very glad to see you; and I "
    u"will send a few lines by you to assure him of my hearty consent to his marrying whichever he "
    u"chooses of the girls; though I must throw in a good word for my little Lizzy.",
    u"I desire you will do no such thing. Lizzy is not a bit better than the others; and I am sure "
    u"she is not half so handsome as Jane, nor half so good-humoured as Lydia. But you are always "
    u"giving her the preference.",
    u"They have none of them much to recommend them, replied he; they are all silly and ignorant "
    u"like other girls; but Lizzy has something more of quickness than her sisters.",
    u"Mr. Bennet, how can you abuse your own children in such a way? You take delight in vexing "
    u"me. You have no compassion for my poor nerves. You mistake me, my dear. I have a high "
    u"respect for your nerves. They are my old friends. I have heard you mention them with "
    u"consideration these last twenty years at least.",
};

bool endsSentence(const QString &w)
{
    static const QStringList abbreviations = {u"Mr."_s, u"Mrs."_s};
    return (w.endsWith(u'.') || w.endsWith(u'?') || w.endsWith(u'!')) && !abbreviations.contains(w);
}

// Words with display punctuation and times, paragraph by paragraph, until `totalMs`.
Transcript generate(double hours, double wpm)
{
    std::mt19937 rng(20240607);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const qint64 totalMs = qint64(hours * 3600.0 * 1000.0);
    const int paragraphs = int(std::size(kText));
    struct Timed {
        QString text;
        double start, end;
    };
    QList<Timed> words;
    double t = 500;
    // Raw timing first (a word lasts 110 ms + 55 ms per letter), scaled to `wpm` afterwards.
    while (t < totalMs * 1.6) {
        const QStringList tokens =
            QString::fromUtf16(kText[int(unit(rng) * paragraphs)]).split(u' ', Qt::SkipEmptyParts);
        const double rate = 0.85 + 0.3 * unit(rng); // this paragraph's speaking rate
        for (const QString &w : tokens) {
            const double letters = double(w.size());
            const double d = (110 + 55 * letters) * rate * (0.8 + 0.4 * unit(rng));
            words.append({w, t, t + d});
            t += d;
            if (endsSentence(w))
                t += 450 + 500 * unit(rng);
            else if (w.endsWith(u',') || w.endsWith(u';') || w.endsWith(u':'))
                t += 180 + 250 * unit(rng);
            else
                t += 40 * unit(rng); // coarticulation: often no measurable gap
        }
        t += 600 + 600 * unit(rng); // paragraph
    }
    const double scale = (60000.0 / wpm) * double(words.size()) / t;
    Transcript tr;
    tr.language = u"en"_s;
    tr.provider = u"openai"_s;
    TranscriptSegment seg;
    static const QRegularExpression punct(u"[.,;:!?]+$"_s);
    for (const Timed &w : std::as_const(words)) {
        Word word;
        word.start = qint64(w.start * scale);
        word.end = qint64(w.end * scale);
        if (word.end > totalMs)
            break;
        // OpenAI words carry no punctuation; the segment text does.
        word.text = QString(w.text).remove(punct);
        word.confidence = 0.9f;
        if (seg.words.isEmpty())
            seg.start = word.start;
        seg.words.append(word);
        seg.text += (seg.text.isEmpty() ? QString() : u" "_s) + w.text;
        seg.end = word.end;
        const qint64 length = seg.end - seg.start;
        if ((length >= 20000 && endsSentence(w.text)) || length >= 30000) {
            tr.segments.append(seg);
            seg = TranscriptSegment{};
        }
    }
    if (!seg.words.isEmpty())
        tr.segments.append(seg);
    tr.duration = totalMs;
    return tr;
}

struct Share {
    qsizetype cues = 0;
    qsizetype clean = 0;
    QMap<QString, int> byRule;
};

Share compliance(const Cues &cues, const RulePreset &preset)
{
    Share s;
    s.cues = cues.size();
    QSet<CueId> bad;
    for (const Violation &v : checkCues(cues, preset)) {
        bad.insert(v.cue);
        s.byRule[ruleName(v.rule)] += 1;
    }
    s.clean = s.cues - bad.size();
    return s;
}

QString describe(const Share &s)
{
    QString rules;
    for (auto it = s.byRule.cbegin(); it != s.byRule.cend(); ++it)
        rules +=
            (rules.isEmpty() ? QString() : u", "_s) + it.key() + u' ' + QString::number(it.value());
    return u"%1 of %2 cues (%3%)%4"_s.arg(s.clean)
        .arg(s.cues)
        .arg(s.cues ? 100.0 * double(s.clean) / double(s.cues) : 0.0, 0, 'f', 2)
        .arg(rules.isEmpty() ? QString() : u"; violations: "_s + rules);
}

Cues numbered(Cues cues)
{
    for (qsizetype i = 0; i < cues.size(); ++i)
        cues[i].id = i + 1;
    return cues;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const auto option = [&](const QString &name, double fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toDouble() : fallback;
    };
    const double hours = option(u"--hours"_s, 3.0);
    const double wpm = option(u"--wpm"_s, 150.0);
    const int runs = std::max(1, int(option(u"--runs"_s, 5)));
    const RulePreset preset = *presetById(u"netflix-en");

    const Transcript transcript = generate(hours, wpm);
    qsizetype wordCount = 0;
    for (const TranscriptSegment &s : transcript.segments)
        wordCount += s.words.size();

    QList<qint64> times;
    Segmentation result;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        result = segmentTranscript(transcript, preset);
        times.append(timer.nsecsElapsed());
    }
    std::sort(times.begin(), times.end());

    // Sanity: every word kept, in order, cues in time order and not overlapping.
    qsizetype kept = 0;
    bool ordered = true;
    for (qsizetype i = 0; i < result.cues.size(); ++i) {
        kept += result.cues[i].words.size();
        if (i > 0 && result.cues[i].start < result.cues[i - 1].end)
            ordered = false;
    }

    Cues baseline;
    for (const TranscriptSegment &s : transcript.segments) {
        Cue c;
        c.start = s.start;
        c.end = s.end;
        c.text = s.text;
        c.words = s.words;
        baseline.append(c);
    }
    // For context: one cue per sentence (what Whisper-style sentence segments would give).
    Cues sentences;
    for (const TranscriptSegment &s : transcript.segments) {
        const QStringList texts = s.text.split(u' ');
        for (qsizetype i = 0; i < s.words.size(); ++i) {
            if (sentences.isEmpty() || sentences.last().end > 0) {
                sentences.append(Cue{});
                sentences.last().start = s.words[i].start;
                sentences.last().end = -1;
            }
            Cue &c = sentences.last();
            c.text += (c.text.isEmpty() ? QString() : u" "_s) + texts.value(i);
            c.words.append(s.words[i]);
            if (endsSentence(texts.value(i)) || i + 1 == s.words.size())
                c.end = s.words[i].end;
        }
    }
    const Share segmented = compliance(numbered(result.cues), preset);
    const Share provider = compliance(numbered(baseline), preset);
    const Share perSentence = compliance(numbered(sentences), preset);

    std::printf("transcript: %.2f h, %lld words, %lld provider segments, %.1f words/min\n", hours,
                qlonglong(wordCount), qlonglong(transcript.segments.size()),
                double(wordCount) / (hours * 60.0));
    std::printf("segmentation time: best %.1f ms, median %.1f ms over %d runs (target < 200 ms)\n",
                double(times.front()) / 1e6, double(times[times.size() / 2]) / 1e6, runs);
    std::printf("words kept: %lld of %lld; time order without overlap: %s\n", qlonglong(kept),
                qlonglong(wordCount), ordered ? "yes" : "NO");
    std::printf("segmenter, no violation (netflix-en): %s\n", qPrintable(describe(segmented)));
    std::printf("provider segments, no violation (netflix-en): %s\n",
                qPrintable(describe(provider)));
    std::printf("one cue per sentence, no violation (netflix-en): %s\n",
                qPrintable(describe(perSentence)));
    const bool met = double(segmented.clean) >= 0.98 * double(segmented.cues) &&
                     times.front() < 200'000'000LL && kept == wordCount && ordered;
    std::printf("%s\n", met ? "targets met" : "TARGET MISSED");
    if (args.contains(u"--dump"_s)) {
        for (const Cue &c : std::as_const(result.cues))
            std::printf("%lld-%lld\n%s\n\n", qlonglong(c.start), qlonglong(c.end),
                        qPrintable(c.text));
    }
    return met ? 0 : 1;
}
