#include "keystatus.h"

#include "credentials.h"

#include <QLabel>
#include <QPushButton>

KeyStatus::KeyStatus(QWidget *page)
    : QObject(page)
    , m_label(new QLabel(page))
    , m_forget(new QPushButton(tr("&Forget Stored Key"), page))
{
    m_label->setWordWrap(true);
    m_forget->setEnabled(false);
    connect(m_forget, &QPushButton::clicked, this, &KeyStatus::forget);
}

void KeyStatus::setEnabled(bool enabled)
{
    m_label->setEnabled(enabled);
    if (!enabled)
        m_forget->setEnabled(false);
    else
        showLookup(++m_generation);
}

QString KeyStatus::text() const
{
    return m_label->text();
}

void KeyStatus::showProfile(const ProviderProfile &profile)
{
    m_profile = profile;
    ++m_generation;
    if (!profile.needsKey() && profile.kind != u"openai-compatible") {
        m_label->setText(tr("%1 needs no API key.").arg(profile.displayName));
        m_forget->setEnabled(false);
        return;
    }
    showLookup(m_generation);
}

void KeyStatus::showLookup(quint64 generation)
{
    m_label->setText(tr("Checking the keychain…"));
    m_forget->setEnabled(false);
    std::shared_ptr<bool> alive = m_alive;
    lookupKey(m_profile).then([this, alive, generation](const KeyLookup &key) {
        if (!*alive || generation != m_generation)
            return;
        switch (key.source) {
        case KeyLookup::Source::Environment:
            m_label->setText(tr("A key is set in the environment (%1).")
                                 .arg(CredentialStore::environmentVariable(m_profile)));
            break;
        case KeyLookup::Source::Keychain:
            m_label->setText(tr("A key is stored in the keychain (…%1).")
                                 .arg(QString::fromUtf8(key.key.right(4))));
            m_forget->setEnabled(true);
            break;
        case KeyLookup::Source::None:
            m_label->setText(key.note);
            break;
        }
    });
}

void KeyStatus::storeKey(const ProviderProfile &profile, const QByteArray &key)
{
    m_profile = profile;
    afterChange(::storeKey(profile, key));
}

void KeyStatus::forget()
{
    afterChange(removeKey(m_profile));
}

void KeyStatus::afterChange(QCoro::Task<Result<void>> &&change)
{
    const quint64 generation = ++m_generation;
    m_forget->setEnabled(false);
    std::shared_ptr<bool> alive = m_alive;
    change.then([this, alive, generation](const Result<void> &r) {
        if (!*alive || generation != m_generation)
            return;
        if (r)
            showLookup(generation);
        else
            m_label->setText(r.error().toString());
    });
}
