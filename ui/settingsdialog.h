#pragma once

#include "providerprofile.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class KeyStatus;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;
class QTabWidget;

// Settings: the provider profiles (built-in presets and custom ones: base URL, region, model,
// options, the key in the keychain, "Test connection"), the speech preview (engine, voice,
// speed) and the interface language. Profiles go to ProfileStore (QSettings), keys to the
// keychain through CredentialStore, never to a file. Changes apply on "Save". GUI thread only.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QNetworkAccessManager *nam, QWidget *parent = nullptr);

    QListWidget *profileList() const { return m_list; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QPushButton *testButton() const { return m_test; }
    // Removes the selected profile's key from the keychain (enabled while one is stored there).
    QPushButton *forgetKeyButton() const;
    // Where the selected profile's key comes from, in words; a stored key shows its last four
    // characters only.
    QString keyStatus() const;
    // The same for the speech service's key (Speech page).
    QLineEdit *speechKeyEdit() const { return m_speechKey; }
    QString speechKeyStatus() const;
    QString testResult() const;
    // Selects a profile by id; false when unknown.
    bool selectProfile(const QString &id);
    ProviderProfile editedProfile() const;

    // The speech profile chosen in Settings ("local" eSpeak NG by default), with voice and speed.
    static ProviderProfile speechProfile();
    // The profile the speech service's key is stored under, whichever engine is chosen.
    static ProviderProfile speechKeyProfile();
    static QString speechVoice();
    static double speechSpeed();

Q_SIGNALS:
    void profilesChanged();
    void speechChanged();

private:
    QWidget *makeProvidersPage();
    QWidget *makeSpeechPage();
    QWidget *makeGeneralPage();
    void loadProfile(int row);
    void saveProfile();
    void addCustomProfile();
    void testConnection();

    QPointer<QNetworkAccessManager> m_nam;
    QList<ProviderProfile> m_profiles;
    int m_row = -1;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_model = nullptr;
    QLineEdit *m_language = nullptr;
    QLineEdit *m_context = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QCheckBox *m_diarization = nullptr;
    QCheckBox *m_itn = nullptr;
    QCheckBox *m_words = nullptr;
    QCheckBox *m_plainHttp = nullptr;
    QLineEdit *m_key = nullptr;
    KeyStatus *m_keyStatus = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QComboBox *m_speechEngine = nullptr;
    QLineEdit *m_speechUrl = nullptr;
    QLineEdit *m_speechModel = nullptr;
    QLineEdit *m_speechVoice = nullptr;
    QDoubleSpinBox *m_speechSpeed = nullptr;
    QLineEdit *m_speechKey = nullptr;
    KeyStatus *m_speechKeyStatus = nullptr;
    QComboBox *m_language_ui = nullptr;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);

public:
    ~SettingsDialog() override { *m_alive = false; }
};
