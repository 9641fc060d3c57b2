#pragma once

#include <QLineEdit>

// A time field for the cue editor: shows "H:MM:SS.mmm", accepts anything parseTimestamp() reads
// ("1:02.5", "62.5"), and steps with the arrow keys (Up/Down 100 ms, with Shift 1 s, with Ctrl
// 10 ms) or the mouse wheel. timeEdited() fires once per committed change (Return, focus loss,
// or a step); a text that is not a time is reverted and flagged. Milliseconds, never negative.
// GUI thread only.
class TimecodeEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit TimecodeEdit(QWidget *parent = nullptr);

    qint64 value() const { return m_value; }
    // Shows `ms` without emitting timeEdited().
    void setValue(qint64 ms);
    // Duration fields show seconds ("2.500") instead of a clock time.
    void setDurationMode(bool duration);

Q_SIGNALS:
    void timeEdited(qint64 ms);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void commit();
    void step(qint64 deltaMs);
    QString format(qint64 ms) const;

    qint64 m_value = 0;
    bool m_duration = false;
};
