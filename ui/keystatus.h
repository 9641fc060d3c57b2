#pragma once

#include "providerprofile.h"
#include "result.h"

#include <QCoroTask>

#include <QObject>

#include <memory>

class QLabel;
class QPushButton;

// Where a profile's API key comes from, in words (the environment, the keychain with only the
// key's last four characters shown, or why there is none), with a "Forget Stored Key" button
// enabled while the keychain holds one. Keychain calls are asynchronous; an answer for a profile
// that is no longer shown is dropped. The label and the button are children of `page`, for the
// page's layout to place (a word-wrapped label directly in a QFormLayout row gets its height
// right; inside a box of its own it was clipped). GUI thread only.
class KeyStatus : public QObject {
    Q_OBJECT
public:
    explicit KeyStatus(QWidget *page);
    ~KeyStatus() override { *m_alive = false; }

    // Shows the key of `profile` (looked up anew); for a profile that takes no key, says so.
    void showProfile(const ProviderProfile &profile);
    // Stores `key` for `profile` in the keychain, then shows the result (or the keychain's
    // error, in words).
    void storeKey(const ProviderProfile &profile, const QByteArray &key);

    QString text() const;
    QLabel *label() const { return m_label; }
    QPushButton *forgetButton() const { return m_forget; }
    void setEnabled(bool enabled);

private:
    void forget();
    void showLookup(quint64 generation);
    // Shows the key again once `change` (a keychain write or removal) succeeded, else its error.
    void afterChange(QCoro::Task<Result<void>> &&change);

    ProviderProfile m_profile;
    quint64 m_generation = 0; // bumped for every profile shown or keychain call made
    QLabel *m_label = nullptr;
    QPushButton *m_forget = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};
