#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;

// The window's keyboard shortcuts: every action that can have one is registered with a stable id
// and its defaults; the user's choices are stored in QSettings ("shortcuts/<id>", portable text,
// an empty value meaning "no shortcut") and applied over the defaults. GUI thread only; actions
// are not owned.
class ShortcutMap : public QObject {
    Q_OBJECT
public:
    struct Entry {
        QString id;
        QPointer<QAction> action;
        QList<QKeySequence> defaults;
    };

    explicit ShortcutMap(QObject *parent = nullptr);

    // Registers `action` and applies the stored or default shortcuts to it.
    void add(QAction *action, const QString &id, const QList<QKeySequence> &defaults = {});
    const QList<Entry> &entries() const { return m_entries; }
    QAction *action(const QString &id) const;
    QList<QKeySequence> shortcuts(const QString &id) const;

    // Sets and stores the shortcuts of one action (an empty list removes them).
    void setShortcuts(const QString &id, const QList<QKeySequence> &sequences);
    void resetToDefaults();
    // Ids of other actions already using `sequence`.
    QStringList conflicts(const QKeySequence &sequence, const QString &exceptId = {}) const;

    // Action text without mnemonics ("&Open…" -> "Open…").
    static QString plainText(const QAction *action);

private:
    int indexOf(const QString &id) const;

    QList<Entry> m_entries;
};
