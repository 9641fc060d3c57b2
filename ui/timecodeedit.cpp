#include "timecodeedit.h"

#include "timecode.h"

#include <QKeyEvent>
#include <QWheelEvent>

TimecodeEdit::TimecodeEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setAlignment(Qt::AlignRight);
    setValue(0);
    connect(this, &QLineEdit::returnPressed, this, &TimecodeEdit::commit);
}

QString TimecodeEdit::format(qint64 ms) const
{
    if (m_duration)
        return QString::number(double(ms) / 1000.0, 'f', 3);
    QString text = formatTimestamp(ms);
    // "00:01:02.500" -> "0:01:02.500": one hour digit unless more are needed.
    if (text.startsWith(u'0') && text.indexOf(u':') == 2)
        text.remove(0, 1);
    return text;
}

void TimecodeEdit::setValue(qint64 ms)
{
    m_value = std::max<qint64>(0, ms);
    setText(format(m_value));
    setStyleSheet({});
}

void TimecodeEdit::setDurationMode(bool duration)
{
    m_duration = duration;
    setValue(m_value);
}

void TimecodeEdit::commit()
{
    const auto parsed = parseTimestamp(text().trimmed());
    if (!parsed) {
        // Not a time: keep the old value, say so briefly through the colour.
        setStyleSheet(QStringLiteral("color: palette(link-visited);"));
        setText(format(m_value));
        return;
    }
    setStyleSheet({});
    if (*parsed == m_value) {
        setText(format(m_value));
        return;
    }
    m_value = *parsed;
    setText(format(m_value));
    Q_EMIT timeEdited(m_value);
}

void TimecodeEdit::step(qint64 deltaMs)
{
    if (isReadOnly())
        return;
    const qint64 next = std::max<qint64>(0, m_value + deltaMs);
    if (next == m_value)
        return;
    m_value = next;
    setText(format(m_value));
    Q_EMIT timeEdited(m_value);
}

void TimecodeEdit::keyPressEvent(QKeyEvent *event)
{
    const bool up = event->key() == Qt::Key_Up;
    if (up || event->key() == Qt::Key_Down) {
        qint64 amount = 100;
        if (event->modifiers() & Qt::ShiftModifier)
            amount = 1000;
        else if (event->modifiers() & Qt::ControlModifier)
            amount = 10;
        step(up ? amount : -amount);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        setValue(m_value);
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void TimecodeEdit::wheelEvent(QWheelEvent *event)
{
    if (!hasFocus()) {
        event->ignore();
        return;
    }
    const int notches = event->angleDelta().y() / 120;
    if (notches != 0)
        step(qint64(notches) * ((event->modifiers() & Qt::ShiftModifier) ? 1000 : 100));
    event->accept();
}

void TimecodeEdit::focusOutEvent(QFocusEvent *event)
{
    commit();
    QLineEdit::focusOutEvent(event);
}
