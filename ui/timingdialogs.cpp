#include "timingdialogs.h"

#include "timecode.h"
#include "timecodeedit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {

QDialogButtonBox *okCancel(QDialog *dialog)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

} // namespace

ShiftTimesDialog::ShiftTimesDialog(bool hasSelection, QWidget *parent)
    : QDialog(parent)
    , m_amount(new QLineEdit(QStringLiteral("+0:00:01.000"), this))
    , m_all(new QRadioButton(tr("&All cues"), this))
{
    setWindowTitle(tr("Shift Times"));
    auto *selected = new QRadioButton(tr("&Selected cues"), this);
    selected->setEnabled(hasSelection);
    (hasSelection ? selected : m_all)->setChecked(true);
    m_amount->setToolTip(tr("Later with +, earlier with -; for example -1.5 or +0:01:02.250"));
    auto *form = new QFormLayout;
    form->addRow(tr("Shift &by"), m_amount);
    form->addRow(tr("Apply to"), selected);
    form->addRow(QString(), m_all);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *buttons = okCancel(this);
    layout->addWidget(buttons);
    connect(m_amount, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(deltaMs().has_value());
    });
}

std::optional<qint64> ShiftTimesDialog::deltaMs() const
{
    QString text = m_amount->text().trimmed();
    qint64 sign = 1;
    if (text.startsWith(u'-') || text.startsWith(u'−')) {
        sign = -1;
        text.remove(0, 1);
    } else if (text.startsWith(u'+')) {
        text.remove(0, 1);
    }
    const auto ms = parseTimestamp(text.trimmed());
    if (!ms)
        return std::nullopt;
    return sign * *ms;
}

bool ShiftTimesDialog::allCues() const
{
    return m_all->isChecked();
}

TwoPointSyncDialog::TwoPointSyncDialog(qint64 firstNow, qint64 secondNow, qint64 playhead,
                                       QWidget *parent)
    : QDialog(parent)
    , m_firstNow(firstNow)
    , m_secondNow(secondNow)
    , m_first(new TimecodeEdit(this))
    , m_second(new TimecodeEdit(this))
{
    setWindowTitle(tr("Two-Point Sync"));
    m_first->setValue(firstNow);
    m_second->setValue(secondNow);
    auto *firstPlayhead = new QPushButton(tr("Use &playhead"), this);
    auto *secondPlayhead = new QPushButton(tr("Use p&layhead"), this);
    connect(firstPlayhead, &QPushButton::clicked, this,
            [this, playhead] { m_first->setValue(playhead); });
    connect(secondPlayhead, &QPushButton::clicked, this,
            [this, playhead] { m_second->setValue(playhead); });
    auto *form = new QFormLayout;
    auto *info = new QLabel(tr("Give the correct start time of two cues far apart, for example "
                               "the first and the last line; every cue is stretched and shifted "
                               "to match."),
                            this);
    info->setWordWrap(true);
    form->addRow(info);
    auto row = [&](TimecodeEdit *edit, QPushButton *button) {
        auto *box = new QHBoxLayout;
        box->addWidget(edit, 1);
        box->addWidget(button);
        return box;
    };
    form->addRow(tr("First cue, now at %1, should start at").arg(formatTimestamp(firstNow)),
                 row(m_first, firstPlayhead));
    form->addRow(tr("Second cue, now at %1, should start at").arg(formatTimestamp(secondNow)),
                 row(m_second, secondPlayhead));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(okCancel(this));
}

qint64 TwoPointSyncDialog::firstNew() const
{
    return m_first->value();
}

qint64 TwoPointSyncDialog::secondNew() const
{
    return m_second->value();
}

FrameRateDialog::FrameRateDialog(QWidget *parent)
    : QDialog(parent)
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
{
    setWindowTitle(tr("Change Frame Rate"));
    const QStringList rates = {QStringLiteral("23.976"), QStringLiteral("24"), QStringLiteral("25"),
                               QStringLiteral("29.97"),  QStringLiteral("30"), QStringLiteral("50"),
                               QStringLiteral("59.94"),  QStringLiteral("60")};
    for (QComboBox *box : {m_from, m_to}) {
        box->setEditable(true);
        box->addItems(rates);
    }
    m_from->setCurrentText(QStringLiteral("25"));
    m_to->setCurrentText(QStringLiteral("23.976"));
    auto *form = new QFormLayout;
    form->addRow(tr("Subtitles were timed for (fps)"), m_from);
    form->addRow(tr("The video plays at (fps)"), m_to);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(okCancel(this));
}

double FrameRateDialog::fromFps() const
{
    return m_from->currentText().toDouble();
}

double FrameRateDialog::toFps() const
{
    return m_to->currentText().toDouble();
}
