#pragma once

#include "providerprofile.h"
#include "result.h"

#include <QByteArray>
#include <QCoroTask>
#include <QString>

// API keys. They live in the system keychain (QtKeychain: Secret Service, KWallet), never in
// settings, project files, logs or command lines. An environment variable named by the profile
// (OPENAI_API_KEY, SILICONFLOW_API_KEY, DASHSCOPE_API_KEY, LLMPROVIDER_API_KEY, ...) overrides
// the keychain, which is how CI and scripts provide keys. QtKeychain's plain-file fallback is
// never enabled. GUI (or CLI main) thread.
struct KeyLookup {
    enum class Source { Environment, Keychain, None };
    QByteArray key;
    Source source = Source::None;
    QString note; // translated: why there is no key, or that no keychain service runs
};

class CredentialStore {
public:
    explicit CredentialStore(QString service = QStringLiteral("captioneer"));

    QCoro::Task<KeyLookup> lookup(const ProviderProfile &profile) const;
    QCoro::Task<Result<void>> store(const ProviderProfile &profile, const QByteArray &key) const;
    QCoro::Task<Result<void>> remove(const ProviderProfile &profile) const;

    // The environment variable for a profile: its keyName, or CAPTIONEER_KEY_<ID> for profiles
    // without one (ID upper-cased, non-alphanumerics as '_').
    static QString environmentVariable(const ProviderProfile &profile);

private:
    QString m_service;
};

// lookup(), store() and remove() on the default store, for callers that go on before the keychain
// answers: the profile is copied and the store lives in the coroutine, so nothing the caller holds
// must outlive the call.
QCoro::Task<KeyLookup> lookupKey(ProviderProfile profile);
QCoro::Task<Result<void>> storeKey(ProviderProfile profile, QByteArray key);
QCoro::Task<Result<void>> removeKey(ProviderProfile profile);
