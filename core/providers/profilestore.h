#pragma once

#include "providerprofile.h"

#include <QList>
#include <QString>

class QSettings;

// The provider profiles a user has: the built-in presets, edited copies of them and custom
// profiles, kept in the application's QSettings as JSON (no keys; see credentials.h).
class ProfileStore {
public:
    explicit ProfileStore(QSettings *settings);    // not owned; must outlive the store
    QList<ProviderProfile> all() const;            // built-ins (possibly edited) then custom ones
    ProviderProfile find(const QString &id) const; // empty id when unknown
    void save(const ProviderProfile &profile);     // insert or replace by id
    void remove(const QString &id);                // built-ins revert to their presets
    QString lastUsed() const;
    void setLastUsed(const QString &id);

private:
    QList<ProviderProfile> stored() const;
    void write(const QList<ProviderProfile> &profiles);

    QSettings *m_settings;
};
