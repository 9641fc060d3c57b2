#include "cueeditor.h"

#include "cuetext.h"
#include "document.h"
#include "textmetrics.h"
#include "timecodeedit.h"
#include "track.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <cmath>

CueEditor::CueEditor(QWidget *parent)
    : QWidget(parent)
    , m_start(new TimecodeEdit(this))
    , m_end(new TimecodeEdit(this))
    , m_duration(new TimecodeEdit(this))
    , m_cps(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_preset = builtinPresets().constFirst();
    m_start->setObjectName(QStringLiteral("cueStart"));
    m_end->setObjectName(QStringLiteral("cueEnd"));
    m_duration->setObjectName(QStringLiteral("cueDuration"));
    m_duration->setDurationMode(true);
    m_text->setObjectName(QStringLiteral("cueText"));
    m_text->setTabChangesFocus(true);
    m_counts->setObjectName(QStringLiteral("lineCounts"));
    m_cps->setObjectName(QStringLiteral("cps"));
    m_counts->setAlignment(Qt::AlignTop | Qt::AlignRight);
    m_counts->setTextFormat(Qt::RichText);
    m_cps->setTextFormat(Qt::RichText);

    auto *times = new QFormLayout;
    times->addRow(tr("&Start"), m_start);
    times->addRow(tr("&End"), m_end);
    times->addRow(tr("&Duration"), m_duration);
    times->addRow(tr("Reading speed"), m_cps);
    auto *textRow = new QHBoxLayout;
    textRow->addWidget(m_text, 1);
    textRow->addWidget(m_counts);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(times);
    layout->addLayout(textRow);
    layout->addStretch(1);
    // Room for a few lines (two are usual); the dock's spare height goes to the panels below.
    m_text->setMaximumHeight(m_text->fontMetrics().lineSpacing() * 7);

    connect(m_text, &QPlainTextEdit::textChanged, this, &CueEditor::textEdited);
    connect(m_start, &TimecodeEdit::timeEdited, this, [this](qint64 ms) {
        if (const Cue *c = currentCue())
            setTimes(ms, std::max(ms, c->end)); // moving the start past the end moves both
    });
    connect(m_end, &TimecodeEdit::timeEdited, this, [this](qint64 ms) {
        if (const Cue *c = currentCue())
            setTimes(c->start, ms);
    });
    connect(m_duration, &TimecodeEdit::timeEdited, this, [this](qint64 ms) {
        if (const Cue *c = currentCue())
            setTimes(c->start, c->start + ms);
    });
    setCue(0);
}

void CueEditor::setDocument(Document *document)
{
    if (m_document)
        disconnect(m_document->track(), nullptr, this, nullptr);
    m_document = document;
    m_cue = 0;
    if (m_document) {
        Track *track = m_document->track();
        connect(track, &Track::cuesChanged, this, [this] { refresh(); });
        connect(track, &Track::cuesRemoved, this, [this] { refresh(); });
        connect(track, &Track::wasReset, this, [this] { setCue(0); });
    }
    refresh();
}

void CueEditor::setPreset(const RulePreset &preset)
{
    m_preset = preset;
    updateMetrics();
}

const Cue *CueEditor::currentCue() const
{
    return m_document && m_cue ? m_document->track()->find(m_cue) : nullptr;
}

void CueEditor::setCue(CueId id)
{
    if (id != m_cue)
        m_gesture = 0; // typing into another cue is another undo step
    m_cue = id;
    refresh();
}

void CueEditor::refresh()
{
    const Cue *cue = currentCue();
    if (!cue)
        m_cue = 0;
    m_updating = true;
    setEnabled(cue != nullptr);
    m_start->setValue(cue ? cue->start : 0);
    m_end->setValue(cue ? cue->end : 0);
    m_duration->setValue(cue ? cue->duration() : 0);
    const QString text = cue ? cue->text : QString();
    if (m_text->toPlainText() != text) {
        // Keep the cursor where it was when the text changed underneath (undo, table edit).
        const int position = m_text->textCursor().position();
        m_text->setPlainText(text);
        QTextCursor cursor = m_text->textCursor();
        cursor.setPosition(std::min<int>(position, int(text.size())));
        m_text->setTextCursor(cursor);
    }
    m_updating = false;
    updateMetrics();
}

void CueEditor::updateMetrics()
{
    const Cue *cue = currentCue();
    if (!cue) {
        m_counts->clear();
        m_cps->clear();
        return;
    }
    const QString warn = QStringLiteral("<span style='color:#d9534f;font-weight:bold'>%1</span>");
    QStringList counts;
    const QStringList lines = visibleLines(cue->text);
    for (const QString &line : lines) {
        const int n = visibleLength(line);
        counts << (n > m_preset.maxCharsPerLine ? warn.arg(n) : QString::number(n));
    }
    QString countText = counts.join(QStringLiteral("<br>"));
    if (lines.size() > m_preset.maxLines)
        countText +=
            QStringLiteral("<br>") + warn.arg(tr("%n line(s)", nullptr, int(lines.size())));
    m_counts->setText(countText);
    m_counts->setToolTip(
        tr("Visible characters per line (limit %1)").arg(m_preset.maxCharsPerLine));
    const double cps = charactersPerSecond(cue->text, cue->duration());
    const QString value = std::isfinite(cps) ? QString::number(cps, 'f', 1) : QStringLiteral("∞");
    const QString shown = tr("%1 chars/s").arg(value);
    m_cps->setText(cps > m_preset.maxCps ? warn.arg(shown) : shown);
    m_cps->setToolTip(tr("Limit %1 characters per second").arg(m_preset.maxCps));
}

QString CueEditor::lineCountsText() const
{
    QString text = m_counts->text();
    text.replace(QStringLiteral("<br>"), QStringLiteral(" · "));
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    return text.remove(tags);
}

QString CueEditor::cpsText() const
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    return QString(m_cps->text()).remove(tags);
}

void CueEditor::textEdited()
{
    if (m_updating || !currentCue())
        return;
    if (m_gesture == 0 || !m_lastKey.isValid() || m_lastKey.elapsed() > kTypingBurstMs)
        m_gesture = m_document->beginGesture();
    m_lastKey.start();
    const auto result = m_document->setCueText(m_cue, m_text->toPlainText(), m_gesture);
    if (!result)
        Q_EMIT editFailed(result.error().message);
    updateMetrics();
}

void CueEditor::setTimes(qint64 start, qint64 end)
{
    m_gesture = 0;
    if (const auto result = m_document->setCueTimes(m_cue, start, end); !result) {
        Q_EMIT editFailed(result.error().message);
        refresh();
    }
}

int CueEditor::wordIndexAtCursor() const
{
    const Cue *cue = currentCue();
    if (!cue || cue->words.size() < 2)
        return -1;
    const QList<qsizetype> offsets = locateWords(cue->text, cue->words);
    const int cursor = m_text->textCursor().position();
    int index = int(cue->words.size()) - 1;
    for (int i = 0; i < offsets.size(); ++i) {
        if (offsets.at(i) >= cursor) {
            index = i;
            break;
        }
    }
    return std::clamp(index, 1, int(cue->words.size()) - 1);
}

double CueEditor::cursorFraction() const
{
    const qsizetype length = m_text->toPlainText().size();
    return length == 0 ? 0.5 : double(m_text->textCursor().position()) / double(length);
}
