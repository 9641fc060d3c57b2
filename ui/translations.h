#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The user interface language. Captioneer's own translations are embedded as resources
// (:/translations/captioneer_<language>.qm, built from translations/*.ts); Qt's own strings
// (standard buttons, file dialogs, command line help) come from Qt's translations directory
// (QLibraryInfo::TranslationsPath, Debian package qt6-translations-l10n) when it is installed.

// The QSettings key of the language override: "" (or missing) follows the system, "en" is the
// untranslated English, anything else a language of availableLanguages() such as "zh_CN".
inline constexpr char kLanguageSettingKey[] = "ui/language";

// The override stored under kLanguageSettingKey in the application's QSettings ("" when unset).
// Call after the organization and application names are set.
QString languageSetting();

// Languages the interface can be shown in: "en" first, then every embedded translation
// ("zh_CN"), as QLocale names.
QStringList availableLanguages();

// The name of `language` (an entry of availableLanguages()) in that language, for a selector:
// "English", "简体中文".
QString languageDisplayName(const QString &language);

// The language to show for `languageOverride` ("" = the system's preferred UI languages in order,
// QLocale::system().uiLanguages(); the first that is English or has a translation wins, a
// translation matching by language and script, so zh-Hans-SG takes zh_CN but zh-TW does not;
// English under the C locale, LANGUAGE notwithstanding, as for gettext programs).
// An override naming no available language is ignored (the system decides). Returns an entry of
// availableLanguages().
QString resolveLanguage(const QString &languageOverride);

// Installs the translators for resolveLanguage(languageOverride) on `app`: Captioneer's and Qt's
// own for that language, nothing for English. Calling it again replaces the previous ones (Qt
// then sends QEvent::LanguageChange to every widget). Returns the language now in use. Missing
// Qt translations are not an error: Qt's strings then stay in English. GUI (main) thread only.
QString installTranslations(QCoreApplication &app, const QString &languageOverride);
