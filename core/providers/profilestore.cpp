#include "profilestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

namespace {
const QString kProfilesKey = QStringLiteral("providers/profiles");
const QString kLastUsedKey = QStringLiteral("providers/last_used");
} // namespace

ProfileStore::ProfileStore(QSettings *settings)
    : m_settings(settings)
{}

QList<ProviderProfile> ProfileStore::stored() const
{
    QList<ProviderProfile> out;
    const QJsonArray array =
        QJsonDocument::fromJson(m_settings->value(kProfilesKey).toByteArray()).array();
    for (const QJsonValue &v : array) {
        ProviderProfile p = ProviderProfile::fromJson(v.toObject());
        if (!p.id.isEmpty() && !p.kind.isEmpty())
            out.append(p);
    }
    return out;
}

void ProfileStore::write(const QList<ProviderProfile> &profiles)
{
    QJsonArray array;
    for (const ProviderProfile &p : profiles)
        array.append(p.toJson());
    m_settings->setValue(kProfilesKey, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<ProviderProfile> ProfileStore::all() const
{
    QList<ProviderProfile> result = builtInProfiles();
    for (const ProviderProfile &p : stored()) {
        auto it = std::find_if(result.begin(), result.end(),
                               [&](const ProviderProfile &q) { return q.id == p.id; });
        if (it != result.end()) {
            const bool builtIn = it->builtIn;
            *it = p;
            it->builtIn = builtIn;
        } else {
            result.append(p);
        }
    }
    return result;
}

ProviderProfile ProfileStore::find(const QString &id) const
{
    for (const ProviderProfile &p : all()) {
        if (p.id == id)
            return p;
    }
    return {};
}

void ProfileStore::save(const ProviderProfile &profile)
{
    QList<ProviderProfile> profiles = stored();
    profiles.removeIf([&](const ProviderProfile &p) { return p.id == profile.id; });
    profiles.append(profile);
    write(profiles);
}

void ProfileStore::remove(const QString &id)
{
    QList<ProviderProfile> profiles = stored();
    profiles.removeIf([&](const ProviderProfile &p) { return p.id == id; });
    write(profiles);
}

QString ProfileStore::lastUsed() const
{
    return m_settings->value(kLastUsedKey, QStringLiteral("local")).toString();
}

void ProfileStore::setLastUsed(const QString &id)
{
    m_settings->setValue(kLastUsedKey, id);
}
