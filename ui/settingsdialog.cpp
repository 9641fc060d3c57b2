#include "settingsdialog.h"

#include "keystatus.h"

#include "connectiontest.h"
#include "credentials.h"
#include "dashscopeprofiles.h"
#include "dashscoperegions.h"
#include "profilestore.h"
#include "providerregistry.h"
#include "translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoroTask>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace {

const QString kSpeechKeyProfile = QStringLiteral("speech-service");

QString contextOption(const ProviderProfile &p)
{
    return isDashScopeKind(p.kind) ? QStringLiteral("context") : QStringLiteral("prompt");
}

} // namespace

SettingsDialog::SettingsDialog(QNetworkAccessManager *nam, QWidget *parent)
    : QDialog(parent)
    , m_nam(nam)
{
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(makeProvidersPage(), tr("&Providers"));
    tabs->addTab(makeSpeechPage(), tr("&Speech"));
    tabs->addTab(makeGeneralPage(), tr("&General"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        saveProfile();
        QSettings s;
        s.setValue(QStringLiteral("speech/engine"), m_speechEngine->currentData());
        s.setValue(QStringLiteral("speech/url"), m_speechUrl->text().trimmed());
        s.setValue(QStringLiteral("speech/model"), m_speechModel->text().trimmed());
        s.setValue(QStringLiteral("speech/voice"), m_speechVoice->text().trimmed());
        s.setValue(QStringLiteral("speech/speed"), m_speechSpeed->value());
        s.setValue(QStringLiteral("ui/language"), m_language_ui->currentData());
        if (!m_speechKey->text().trimmed().isEmpty())
            m_speechKeyStatus->storeKey(speechKeyProfile(), m_speechKey->text().trimmed().toUtf8());
        m_speechKey->clear();
        Q_EMIT speechChanged();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 560);
}

QWidget *SettingsDialog::makeProvidersPage()
{
    auto *page = new QWidget;
    m_list = new QListWidget(page);
    m_list->setObjectName(QStringLiteral("profiles"));
    auto *add = new QPushButton(tr("&New Custom Server"), page);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(add);

    m_name = new QLineEdit(page);
    m_baseUrl = new QLineEdit(page);
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_region = new QComboBox(page);
    for (const QString &r : dashScopeRegions())
        m_region->addItem(dashScopeRegionName(r), r);
    m_model = new QComboBox(page);
    m_model->setEditable(true);
    m_language = new QLineEdit(page);
    m_language->setPlaceholderText(tr("automatic"));
    m_context = new QLineEdit(page);
    m_temperature = new QDoubleSpinBox(page);
    m_temperature->setRange(-0.1, 1.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setSpecialValueText(tr("provider default"));
    m_diarization = new QCheckBox(tr("Tell &speakers apart"), page);
    m_itn = new QCheckBox(tr("Write numbers as &digits (ITN)"), page);
    m_words = new QCheckBox(tr("&Word timestamps"), page);
    m_plainHttp =
        new QCheckBox(tr("Allow plain &http to this host (the key travels unencrypted)"), page);
    m_key = new QLineEdit(page);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("paste a new key to replace the stored one"));
    m_keyStatus = new KeyStatus(page);
    m_test = new QPushButton(tr("&Test Connection"), page);
    m_test->setObjectName(QStringLiteral("test"));
    m_testResult = new QLabel(page);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("Base &URL"), m_baseUrl);
    form->addRow(tr("&Region"), m_region);
    form->addRow(tr("&Model"), m_model);
    form->addRow(tr("&Language"), m_language);
    form->addRow(tr("&Context / prompt"), m_context);
    form->addRow(tr("&Temperature"), m_temperature);
    form->addRow(m_diarization);
    form->addRow(m_itn);
    form->addRow(m_words);
    form->addRow(m_plainHttp);
    form->addRow(tr("API &key"), m_key);
    form->addRow(m_keyStatus->label());
    form->addRow(QString(), m_keyStatus->forgetButton());
    form->addRow(m_test, m_testResult);
    auto *layout = new QHBoxLayout(page);
    layout->addLayout(left, 1);
    layout->addLayout(form, 2);

    QSettings s;
    m_profiles = ProfileStore(&s).all();
    for (const ProviderProfile &p : m_profiles)
        m_list->addItem(p.displayName);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        saveProfile();
        loadProfile(row);
    });
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addCustomProfile);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_list->setCurrentRow(0);
    return page;
}

QWidget *SettingsDialog::makeSpeechPage()
{
    auto *page = new QWidget;
    QSettings s;
    m_speechEngine = new QComboBox(page);
    m_speechEngine->addItem(tr("Offline (eSpeak NG)"), QStringLiteral("espeak"));
    m_speechEngine->addItem(tr("Speech service (OpenAI-style /audio/speech)"),
                            QStringLiteral("openai"));
    m_speechEngine->setCurrentIndex(
        std::max(0, m_speechEngine->findData(s.value(QStringLiteral("speech/engine")))));
    m_speechUrl = new QLineEdit(
        s.value(QStringLiteral("speech/url"), QStringLiteral("https://api.openai.com/v1"))
            .toString(),
        page);
    m_speechModel = new QLineEdit(
        s.value(QStringLiteral("speech/model"), QStringLiteral("tts-1")).toString(), page);
    m_speechVoice = new QLineEdit(s.value(QStringLiteral("speech/voice")).toString(), page);
    m_speechVoice->setPlaceholderText(tr("default (en for eSpeak NG, alloy for OpenAI)"));
    m_speechSpeed = new QDoubleSpinBox(page);
    m_speechSpeed->setRange(0.25, 4.0);
    m_speechSpeed->setSingleStep(0.1);
    m_speechSpeed->setValue(s.value(QStringLiteral("speech/speed"), 1.0).toDouble());
    m_speechKey = new QLineEdit(page);
    m_speechKey->setEchoMode(QLineEdit::Password);
    m_speechKey->setPlaceholderText(tr("stored in the keychain"));
    m_speechKeyStatus = new KeyStatus(page);
    m_speechKeyStatus->showProfile(speechKeyProfile());
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Engine"), m_speechEngine);
    form->addRow(tr("Base &URL"), m_speechUrl);
    form->addRow(tr("&Model"), m_speechModel);
    form->addRow(tr("&Voice"), m_speechVoice);
    form->addRow(tr("S&peed"), m_speechSpeed);
    form->addRow(tr("API &key"), m_speechKey);
    form->addRow(m_speechKeyStatus->label());
    form->addRow(QString(), m_speechKeyStatus->forgetButton());
    auto update = [this] {
        const bool service = m_speechEngine->currentData().toString() == u"openai";
        for (QWidget *w :
             {static_cast<QWidget *>(m_speechUrl), static_cast<QWidget *>(m_speechModel),
              static_cast<QWidget *>(m_speechKey)})
            w->setEnabled(service);
        m_speechKeyStatus->setEnabled(service);
    };
    connect(m_speechEngine, &QComboBox::currentIndexChanged, this, update);
    update();
    return page;
}

QWidget *SettingsDialog::makeGeneralPage()
{
    auto *page = new QWidget;
    m_language_ui = new QComboBox(page);
    m_language_ui->addItem(tr("System language"), QString());
    for (const QString &language : availableLanguages())
        m_language_ui->addItem(languageDisplayName(language), language);
    m_language_ui->setCurrentIndex(
        std::max(0, m_language_ui->findData(QSettings().value(QStringLiteral("ui/language")))));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Interface &language (after a restart)"), m_language_ui);
    return page;
}

void SettingsDialog::loadProfile(int row)
{
    m_row = row;
    const ProviderProfile p = m_profiles.value(row);
    const bool dashScope = isDashScopeKind(p.kind);
    const bool local = p.kind == u"local";
    m_name->setText(p.displayName);
    m_baseUrl->setText(p.baseUrl.toString());
    m_baseUrl->setPlaceholderText(dashScope ? tr("from the region") : QString());
    m_baseUrl->setEnabled(!local);
    m_region->setEnabled(dashScope);
    m_region->setCurrentIndex(std::max(0, m_region->findData(p.region)));
    m_model->clear();
    QStringList models = p.capabilities().models;
    if (!p.model.isEmpty() && !models.contains(p.model))
        models.prepend(p.model);
    m_model->addItems(models);
    m_model->setCurrentText(p.model);
    m_language->setText(p.options.value(QStringLiteral("language")).toString());
    m_context->setText(p.options.value(contextOption(p)).toString());
    m_temperature->setValue(p.options.value(QStringLiteral("temperature"), -0.1).toDouble());
    m_diarization->setChecked(p.options.value(QStringLiteral("diarization")).toBool());
    m_itn->setChecked(p.options.value(QStringLiteral("itn")).toBool());
    m_words->setChecked(p.options.value(QStringLiteral("words"), true).toBool());
    m_diarization->setEnabled(p.capabilities().speakers);
    m_itn->setEnabled(dashScope);
    m_words->setEnabled(dashScope);
    m_plainHttp->setChecked(p.allowPlainHttp);
    m_plainHttp->setEnabled(!local);
    m_key->clear();
    m_key->setEnabled(p.needsKey() || p.kind == u"openai-compatible");
    m_testResult->clear();
    m_keyStatus->showProfile(p);
}

QString SettingsDialog::keyStatus() const
{
    return m_keyStatus->text();
}

QPushButton *SettingsDialog::forgetKeyButton() const
{
    return m_keyStatus->forgetButton();
}

QString SettingsDialog::speechKeyStatus() const
{
    return m_speechKeyStatus->text();
}

ProviderProfile SettingsDialog::editedProfile() const
{
    ProviderProfile p = m_profiles.value(m_row);
    if (m_row < 0)
        return p;
    p.displayName = m_name->text().trimmed().isEmpty() ? p.displayName : m_name->text().trimmed();
    p.baseUrl = QUrl(m_baseUrl->text().trimmed());
    if (isDashScopeKind(p.kind))
        p.region = m_region->currentData().toString();
    p.model = m_model->currentText().trimmed();
    auto setOption = [&p](const QString &name, const QVariant &value, bool keep) {
        if (keep)
            p.options.insert(name, value);
        else
            p.options.remove(name);
    };
    setOption(QStringLiteral("language"), m_language->text().trimmed(),
              !m_language->text().trimmed().isEmpty());
    setOption(contextOption(p), m_context->text(), !m_context->text().isEmpty());
    setOption(QStringLiteral("temperature"), m_temperature->value(), m_temperature->value() >= 0);
    setOption(QStringLiteral("diarization"), true,
              m_diarization->isEnabled() && m_diarization->isChecked());
    setOption(QStringLiteral("itn"), true, m_itn->isEnabled() && m_itn->isChecked());
    setOption(QStringLiteral("words"), m_words->isChecked(), m_words->isEnabled());
    p.allowPlainHttp = m_plainHttp->isChecked();
    return p;
}

void SettingsDialog::saveProfile()
{
    if (m_row < 0 || m_row >= m_profiles.size())
        return;
    const ProviderProfile p = editedProfile();
    QSettings s;
    ProfileStore(&s).save(p);
    m_profiles[m_row] = p;
    m_list->item(m_row)->setText(p.displayName);
    if (!m_key->text().trimmed().isEmpty())
        m_keyStatus->storeKey(p, m_key->text().trimmed().toUtf8());
    m_key->clear();
    Q_EMIT profilesChanged();
}

void SettingsDialog::addCustomProfile()
{
    saveProfile();
    ProviderProfile p = builtInProfile(QStringLiteral("custom"));
    p.id = QStringLiteral("custom-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    p.displayName = tr("My server");
    p.builtIn = false;
    m_profiles.append(p);
    m_list->addItem(p.displayName);
    m_list->setCurrentRow(int(m_profiles.size()) - 1);
}

QString SettingsDialog::testResult() const
{
    return m_testResult->text();
}

bool SettingsDialog::selectProfile(const QString &id)
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void SettingsDialog::testConnection()
{
    const ProviderProfile p = editedProfile();
    const QByteArray typed = m_key->text().trimmed().toUtf8();
    m_test->setEnabled(false);
    m_testResult->setText(tr("Testing…"));
    std::shared_ptr<bool> alive = m_alive;
    auto run = [](ProviderProfile profile, QNetworkAccessManager *nam,
                  QByteArray key) -> QCoro::Task<Result<QString>> {
        if (key.isEmpty())
            key = (co_await lookupKey(profile)).key;
        co_return co_await testProviderConnection(profile, nam, key);
    };
    run(p, m_nam, typed).then([this, alive](const Result<QString> &r) {
        if (!*alive)
            return;
        m_test->setEnabled(true);
        m_testResult->setText(r ? *r : r.error().message);
        m_testResult->setStyleSheet(r ? QString() : QStringLiteral("color: #d9534f"));
    });
}

ProviderProfile SettingsDialog::speechKeyProfile()
{
    ProviderProfile p = builtInSpeechProfiles().value(1);
    p.id = kSpeechKeyProfile;
    p.displayName = tr("Speech service");
    p.keyName = QStringLiteral("CAPTIONEER_SPEECH_KEY");
    return p;
}

ProviderProfile SettingsDialog::speechProfile()
{
    const QSettings s;
    if (s.value(QStringLiteral("speech/engine")).toString() != u"openai")
        return builtInSpeechProfiles().constFirst();
    ProviderProfile p = speechKeyProfile();
    p.baseUrl = QUrl(s.value(QStringLiteral("speech/url"), p.baseUrl.toString()).toString());
    p.model = s.value(QStringLiteral("speech/model"), p.model).toString();
    return p;
}

QString SettingsDialog::speechVoice()
{
    return QSettings().value(QStringLiteral("speech/voice")).toString();
}

double SettingsDialog::speechSpeed()
{
    return QSettings().value(QStringLiteral("speech/speed"), 1.0).toDouble();
}
