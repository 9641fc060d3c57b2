#include "shortcutmap.h"

#include <QAction>
#include <QSettings>

namespace {

QString settingsKey(const QString &id)
{
    return QStringLiteral("shortcuts/") + id;
}

QString toText(const QList<QKeySequence> &sequences)
{
    QStringList parts;
    for (const QKeySequence &s : sequences)
        parts << s.toString(QKeySequence::PortableText);
    return parts.join(QStringLiteral("; "));
}

QList<QKeySequence> fromText(const QString &text)
{
    QList<QKeySequence> out;
    for (const QString &part : text.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        const QKeySequence s = QKeySequence::fromString(part, QKeySequence::PortableText);
        if (!s.isEmpty())
            out << s;
    }
    return out;
}

} // namespace

ShortcutMap::ShortcutMap(QObject *parent)
    : QObject(parent)
{}

int ShortcutMap::indexOf(const QString &id) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id)
            return i;
    }
    return -1;
}

void ShortcutMap::add(QAction *action, const QString &id, const QList<QKeySequence> &defaults)
{
    Q_ASSERT(indexOf(id) < 0);
    m_entries.append({id, action, defaults});
    const QSettings settings;
    const QVariant stored = settings.value(settingsKey(id));
    action->setShortcuts(stored.isValid() ? fromText(stored.toString()) : defaults);
}

QAction *ShortcutMap::action(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : m_entries.at(i).action.data();
}

QList<QKeySequence> ShortcutMap::shortcuts(const QString &id) const
{
    const QAction *a = action(id);
    return a ? a->shortcuts() : QList<QKeySequence>{};
}

void ShortcutMap::setShortcuts(const QString &id, const QList<QKeySequence> &sequences)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    const Entry &e = m_entries.at(i);
    if (e.action)
        e.action->setShortcuts(sequences);
    QSettings settings;
    if (sequences == e.defaults)
        settings.remove(settingsKey(id));
    else
        settings.setValue(settingsKey(id), toText(sequences));
}

void ShortcutMap::resetToDefaults()
{
    for (const Entry &e : std::as_const(m_entries))
        setShortcuts(e.id, e.defaults);
}

QStringList ShortcutMap::conflicts(const QKeySequence &sequence, const QString &exceptId) const
{
    QStringList ids;
    if (sequence.isEmpty())
        return ids;
    for (const Entry &e : m_entries) {
        if (e.id != exceptId && e.action && e.action->shortcuts().contains(sequence))
            ids << e.id;
    }
    return ids;
}

QString ShortcutMap::plainText(const QAction *action)
{
    QString text = action->text();
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}
