#pragma once

#include <QPointer>
#include <QToolBar>

class Player;
class QComboBox;
class QLabel;
class QSlider;

// The transport tool bar: the window's playback actions (added by the window, so they share the
// editable shortcuts), then speed, volume and the position "0:01:02.345 / 1:00:00.000".
// Reads and drives the Player; GUI thread only. The player must outlive the bar.
class TransportBar : public QToolBar {
    Q_OBJECT
public:
    explicit TransportBar(Player *player, QWidget *parent = nullptr);

    // Adds speed, volume and position after the actions added so far.
    void addControls();
    QComboBox *speedBox() const { return m_speed; }
    QSlider *volumeSlider() const { return m_volume; }
    QString positionText() const;

public Q_SLOTS:
    void stepSpeed(int steps); // +1 faster, -1 slower, through the list of speeds

private:
    void updatePosition(qint64 ms);

    QPointer<Player> m_player;
    QComboBox *m_speed;
    QSlider *m_volume;
    QLabel *m_position;
};
