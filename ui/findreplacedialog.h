#pragma once

#include "cue.h"
#include "findreplace.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class Document;
class QCheckBox;
class QLabel;
class QLineEdit;

// Find and replace in cue texts (non-modal). Searches from the current cue, wraps around, and
// reports each match with matchFound() so the window selects the cue and the text. "Replace all"
// works on the selected cues or on all of them and is one undo step. GUI thread only.
class FindReplaceDialog : public QDialog {
    Q_OBJECT
public:
    using CueProvider = std::function<CueId()>;
    using SelectionProvider = std::function<QList<CueId>()>;

    FindReplaceDialog(Document *document, CueProvider current, SelectionProvider selection,
                      QWidget *parent = nullptr);

    void setReplaceVisible(bool visible);
    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    QCheckBox *regexBox() const { return m_regex; }
    QCheckBox *inSelectionBox() const { return m_inSelection; }
    QString status() const;

public Q_SLOTS:
    bool findNext();
    bool replaceOne();
    int replaceAll();

Q_SIGNALS:
    void matchFound(CueId cue, qsizetype offset, qsizetype length);

private:
    std::optional<QRegularExpression> expression();
    FindOptions options() const;

    QPointer<Document> m_document;
    CueProvider m_current;
    SelectionProvider m_selection;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QLabel *m_replaceLabel;
    QCheckBox *m_regex;
    QCheckBox *m_case;
    QCheckBox *m_words;
    QCheckBox *m_inSelection;
    QLabel *m_status;
    // The last match, so "Find next" continues after it and "Replace" replaces it.
    CueId m_lastCue = 0;
    qsizetype m_lastOffset = -1;
    qsizetype m_lastLength = 0;
};
