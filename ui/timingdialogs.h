#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QRadioButton;
class TimecodeEdit;

// Small dialogs for the timing operations of the Edit menu. They only collect values; the window
// applies them through the Document (one undo step each).

// "Shift times": a signed amount, applied to the selected cues or to all.
class ShiftTimesDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShiftTimesDialog(bool hasSelection, QWidget *parent = nullptr);
    // Signed milliseconds; nullopt when the text is not a time.
    std::optional<qint64> deltaMs() const;
    bool allCues() const;
    QLineEdit *amountEdit() const { return m_amount; }

private:
    QLineEdit *m_amount;
    QRadioButton *m_all;
};

// "Two-point sync": two cues whose start times should become two known times (from a reference
// or the video); every cue is mapped linearly.
class TwoPointSyncDialog : public QDialog {
    Q_OBJECT
public:
    TwoPointSyncDialog(qint64 firstNow, qint64 secondNow, qint64 playhead,
                       QWidget *parent = nullptr);
    qint64 firstNow() const { return m_firstNow; }
    qint64 secondNow() const { return m_secondNow; }
    qint64 firstNew() const;
    qint64 secondNew() const;
    TimecodeEdit *firstEdit() const { return m_first; }
    TimecodeEdit *secondEdit() const { return m_second; }

private:
    qint64 m_firstNow, m_secondNow;
    TimecodeEdit *m_first;
    TimecodeEdit *m_second;
};

// "Change frame rate": subtitles timed for one frame rate, played at another.
class FrameRateDialog : public QDialog {
    Q_OBJECT
public:
    explicit FrameRateDialog(QWidget *parent = nullptr);
    double fromFps() const;
    double toFps() const;
    QComboBox *fromBox() const { return m_from; }
    QComboBox *toBox() const { return m_to; }

private:
    QComboBox *m_from;
    QComboBox *m_to;
};
