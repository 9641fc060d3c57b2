#include "credentials.h"

#include <QCoreApplication>
#include <QCoroSignal>
#include <qt6keychain/keychain.h>

#include <memory>

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Credentials)
};

QString keychainProblem(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Tr::tr(
            "No keychain service (Secret Service or KWallet) is running, so keys can only "
            "come from environment variables.");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Tr::tr("Access to the keychain was denied.");
    default:
        return job.errorString();
    }
}

} // namespace

CredentialStore::CredentialStore(QString service)
    : m_service(std::move(service))
{}

QString CredentialStore::environmentVariable(const ProviderProfile &profile)
{
    if (!profile.keyName.isEmpty())
        return profile.keyName;
    QString name = QStringLiteral("CAPTIONEER_KEY_") + profile.id.toUpper();
    for (QChar &c : name) {
        if (!c.isLetterOrNumber())
            c = u'_';
    }
    return name;
}

QCoro::Task<KeyLookup> CredentialStore::lookup(const ProviderProfile &profile) const
{
    KeyLookup out;
    const QByteArray variable = environmentVariable(profile).toLocal8Bit();
    const QByteArray fromEnv = qgetenv(variable.constData()).trimmed();
    if (!fromEnv.isEmpty()) {
        out.key = fromEnv;
        out.source = KeyLookup::Source::Environment;
        co_return out;
    }
    auto job = std::make_unique<QKeychain::ReadPasswordJob>(m_service);
    job->setAutoDelete(false);
    job->setKey(profile.id);
    job->start();
    co_await qCoro(job.get(), &QKeychain::Job::finished);
    if (job->error() == QKeychain::NoError && !job->binaryData().isEmpty()) {
        out.key = job->binaryData();
        out.source = KeyLookup::Source::Keychain;
        co_return out;
    }
    out.note = job->error() == QKeychain::EntryNotFound || job->error() == QKeychain::NoError
                   ? Tr::tr("No API key is stored for %1; set %2 or add the key in Settings.")
                         .arg(profile.displayName, QString::fromLocal8Bit(variable))
                   // One sentence pair for translators: spacing between sentences differs.
                   : Tr::tr("%1 Set %2 to use %3.")
                         .arg(keychainProblem(*job), QString::fromLocal8Bit(variable),
                              profile.displayName);
    co_return out;
}

QCoro::Task<Result<void>> CredentialStore::store(const ProviderProfile &profile,
                                                 const QByteArray &key) const
{
    auto job = std::make_unique<QKeychain::WritePasswordJob>(m_service);
    job->setAutoDelete(false);
    job->setKey(profile.id);
    job->setBinaryData(key);
    job->start();
    co_await qCoro(job.get(), &QKeychain::Job::finished);
    if (job->error() != QKeychain::NoError)
        co_return makeError(ErrorCode::IoError, keychainProblem(*job));
    co_return Result<void>{};
}

QCoro::Task<Result<void>> CredentialStore::remove(const ProviderProfile &profile) const
{
    auto job = std::make_unique<QKeychain::DeletePasswordJob>(m_service);
    job->setAutoDelete(false);
    job->setKey(profile.id);
    job->start();
    co_await qCoro(job.get(), &QKeychain::Job::finished);
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
        co_return makeError(ErrorCode::IoError, keychainProblem(*job));
    co_return Result<void>{};
}

QCoro::Task<KeyLookup> lookupKey(ProviderProfile profile)
{
    const CredentialStore store;
    co_return co_await store.lookup(profile);
}

QCoro::Task<Result<void>> storeKey(ProviderProfile profile, QByteArray key)
{
    const CredentialStore store;
    co_return co_await store.store(profile, key);
}

QCoro::Task<Result<void>> removeKey(ProviderProfile profile)
{
    const CredentialStore store;
    co_return co_await store.remove(profile);
}
