#pragma once

#include "cue.h"
#include "rulepreset.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class Document;
class QLabel;
class QPlainTextEdit;
class TimecodeEdit;

// Edits the current cue: its text (with a live count of visible characters per line and the
// reading speed, coloured when they break the preset) and its start, end and duration. Every
// change goes through the Document: typing merges into one undo step per burst (a pause of
// kTypingBurstMs starts a new one), each time edit is one step. Follows the track, so undo, the
// table and the timeline update it. GUI thread only; the document must outlive the editor or be
// replaced with setDocument().
class CueEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kTypingBurstMs = 1500;

    explicit CueEditor(QWidget *parent = nullptr);

    void setDocument(Document *document);
    void setPreset(const RulePreset &preset);
    CueId cue() const { return m_cue; }
    // Shows cue `id` (0: none, the editor is disabled).
    void setCue(CueId id);

    QPlainTextEdit *textEdit() const { return m_text; }
    TimecodeEdit *startEdit() const { return m_start; }
    TimecodeEdit *endEdit() const { return m_end; }
    TimecodeEdit *durationEdit() const { return m_duration; }
    // Index of the first word after the text cursor (for "split at cursor"), clamped to
    // [1, words - 1]; -1 when the cue has fewer than two words.
    int wordIndexAtCursor() const;
    // Text cursor position as a fraction (0..1) of the text, for cues without words.
    double cursorFraction() const;
    // The per-line counts as shown, e.g. "37 · 12" (for tests and accessibility).
    QString lineCountsText() const;
    QString cpsText() const;

Q_SIGNALS:
    // An edit was refused by the document (e.g. end before start); the message is translated.
    void editFailed(const QString &message);

private:
    void refresh();
    void updateMetrics();
    void textEdited();
    void setTimes(qint64 start, qint64 end);
    const Cue *currentCue() const;

    QPointer<Document> m_document;
    RulePreset m_preset;
    CueId m_cue = 0;
    TimecodeEdit *m_start;
    TimecodeEdit *m_end;
    TimecodeEdit *m_duration;
    QLabel *m_cps;
    QLabel *m_counts;
    QPlainTextEdit *m_text;
    bool m_updating = false;
    quint64 m_gesture = 0;
    QElapsedTimer m_lastKey;
};
