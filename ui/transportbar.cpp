#include "transportbar.h"

#include "player.h"
#include "timecode.h"

#include <QComboBox>
#include <QLabel>
#include <QSlider>

namespace {
constexpr double kSpeeds[] = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0};
}

TransportBar::TransportBar(Player *player, QWidget *parent)
    : QToolBar(tr("Transport"), parent)
    , m_player(player)
    , m_speed(new QComboBox(this))
    , m_volume(new QSlider(Qt::Horizontal, this))
    , m_position(new QLabel(this))
{
    setObjectName(QStringLiteral("transportBar"));
    for (double s : kSpeeds)
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setCurrentIndex(m_speed->findData(1.0));
    m_speed->setToolTip(tr("Playback speed (the pitch is kept)"));
    m_speed->setObjectName(QStringLiteral("speed"));
    m_volume->setRange(0, 100);
    m_volume->setValue(int(std::lround(player->volume() * 100)));
    m_volume->setMaximumWidth(120);
    m_volume->setToolTip(tr("Volume"));
    m_volume->setObjectName(QStringLiteral("volume"));
    m_position->setObjectName(QStringLiteral("position"));
    m_position->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = m_position->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_position->setFont(mono);

    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_player)
            m_player->setSpeed(m_speed->currentData().toDouble());
    });
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) {
        if (m_player)
            m_player->setVolume(v / 100.0);
    });
    connect(player, &Player::positionChanged, this, &TransportBar::updatePosition);
    connect(player, &Player::stateChanged, this, [this] { updatePosition(m_player->position()); });
    updatePosition(0);
}

void TransportBar::addControls()
{
    addSeparator();
    addWidget(m_speed);
    addWidget(m_volume);
    addSeparator();
    addWidget(m_position);
}

void TransportBar::stepSpeed(int steps)
{
    m_speed->setCurrentIndex(std::clamp(m_speed->currentIndex() + steps, 0, m_speed->count() - 1));
}

QString TransportBar::positionText() const
{
    return m_position->text();
}

void TransportBar::updatePosition(qint64 ms)
{
    const qint64 duration = m_player ? m_player->durationMs() : 0;
    m_position->setText(formatTimestamp(ms) + QStringLiteral(" / ") + formatTimestamp(duration));
}
