#include "findreplacedialog.h"

#include "document.h"
#include "track.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

FindReplaceDialog::FindReplaceDialog(Document *document, CueProvider current,
                                     SelectionProvider selection, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_current(std::move(current))
    , m_selection(std::move(selection))
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_replaceLabel(new QLabel(tr("Replace &with"), this))
    , m_regex(new QCheckBox(tr("Regular e&xpression"), this))
    , m_case(new QCheckBox(tr("Match &case"), this))
    , m_words(new QCheckBox(tr("Whole w&ords"), this))
    , m_inSelection(new QCheckBox(tr("In &selected cues only"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Find and Replace"));
    m_find->setObjectName(QStringLiteral("find"));
    m_replace->setObjectName(QStringLiteral("replace"));
    m_replace->setToolTip(tr("With a regular expression, \\1 or $1 inserts a captured group and "
                             "\\n a line break."));
    m_replaceLabel->setBuddy(m_replace);
    auto *form = new QFormLayout;
    form->addRow(tr("&Find"), m_find);
    form->addRow(m_replaceLabel, m_replace);
    form->addRow(m_regex);
    form->addRow(m_case);
    form->addRow(m_words);
    form->addRow(m_inSelection);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *next = buttons->addButton(tr("Find &Next"), QDialogButtonBox::ActionRole);
    QPushButton *one = buttons->addButton(tr("&Replace"), QDialogButtonBox::ActionRole);
    QPushButton *all = buttons->addButton(tr("Replace &All"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    next->setDefault(true);
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(next, &QPushButton::clicked, this, &FindReplaceDialog::findNext);
    connect(one, &QPushButton::clicked, this, &FindReplaceDialog::replaceOne);
    connect(all, &QPushButton::clicked, this, &FindReplaceDialog::replaceAll);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    connect(m_find, &QLineEdit::textChanged, this, [this] { m_lastCue = 0; });
}

void FindReplaceDialog::setReplaceVisible(bool visible)
{
    m_replace->setVisible(visible);
    m_replaceLabel->setVisible(visible);
    setWindowTitle(visible ? tr("Find and Replace") : tr("Find"));
}

QString FindReplaceDialog::status() const
{
    return m_status->text();
}

FindOptions FindReplaceDialog::options() const
{
    return {m_find->text(), m_regex->isChecked(), m_case->isChecked(), m_words->isChecked()};
}

std::optional<QRegularExpression> FindReplaceDialog::expression()
{
    auto e = findExpression(options());
    if (!e) {
        m_status->setText(e.error().message);
        return std::nullopt;
    }
    return *e;
}

bool FindReplaceDialog::findNext()
{
    const auto e = expression();
    if (!e || !m_document)
        return false;
    const Track *track = m_document->track();
    int row = std::max(0, track->rowOf(m_current ? m_current() : 0));
    qsizetype offset = 0;
    if (m_lastCue != 0 && track->rowOf(m_lastCue) >= 0) {
        row = track->rowOf(m_lastCue);
        offset = m_lastOffset + std::max<qsizetype>(1, m_lastLength);
    }
    const TextMatch m = ::findNext(track->cues(), *e, row, offset);
    if (m.row < 0) {
        m_status->setText(tr("Not found."));
        m_lastCue = 0;
        return false;
    }
    m_lastCue = track->at(m.row).id;
    m_lastOffset = m.offset;
    m_lastLength = m.length;
    m_status->setText(tr("Cue %1.").arg(m.row + 1));
    Q_EMIT matchFound(m_lastCue, m.offset, m.length);
    return true;
}

bool FindReplaceDialog::replaceOne()
{
    const auto e = expression();
    if (!e || !m_document)
        return false;
    const Cue *cue = m_document->track()->find(m_lastCue);
    if (cue) {
        const QRegularExpressionMatch m = e->match(cue->text, m_lastOffset);
        if (m.hasMatch() && m.capturedStart() == m_lastOffset) {
            QString text = cue->text;
            const QString with = replacementFor(m, m_replace->text(), m_regex->isChecked());
            text.replace(m.capturedStart(), m.capturedLength(), with);
            if (auto r = m_document->setCueText(cue->id, text); !r) {
                m_status->setText(r.error().message);
                return false;
            }
            m_lastLength = with.size(); // continue after the replacement
        }
    }
    return findNext();
}

int FindReplaceDialog::replaceAll()
{
    const auto e = expression();
    if (!e || !m_document)
        return 0;
    const Track *track = m_document->track();
    Cues scope;
    if (m_inSelection->isChecked()) {
        for (CueId id : m_selection())
            if (const Cue *c = track->find(id))
                scope.append(*c);
    } else {
        scope = track->cues();
    }
    int count = 0;
    Cues after = ::replaceAll(scope, *e, m_replace->text(), m_regex->isChecked(), &count);
    if (after.isEmpty()) {
        m_status->setText(tr("Not found."));
        return 0;
    }
    Cues before;
    for (const Cue &c : std::as_const(after))
        before.append(*track->find(c.id));
    if (auto r = m_document->applyEdit(tr("Replace All"), before, after); !r) {
        m_status->setText(r.error().message);
        return 0;
    }
    m_status->setText(tr("Replaced %n time(s) in %1 cue(s).", nullptr, count).arg(after.size()));
    m_lastCue = 0;
    return count;
}
