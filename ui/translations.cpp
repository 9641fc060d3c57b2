#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Where qt_add_translations (translations/CMakeLists.txt) puts the compiled catalogues.
const QString kResourceDir = u":/translations"_s;
const QString kPrefix = u"captioneer_"_s;
const QString kEnglish = u"en"_s;
// Object name of the translators installed here, so a second call finds and replaces them.
const QString kTranslatorName = u"captioneer-ui-translator"_s;

bool isEnglish(const QLocale &locale)
{
    // "C" and "POSIX" (LC_ALL=C) mean the untranslated strings too.
    return locale.language() == QLocale::English || locale.language() == QLocale::C;
}

// The available translation for `wanted`: the same name (zh_CN), else the same language and
// script (zh_SG and zh-Hans take zh_CN; zh_TW, Traditional, does not). Empty when none.
QString translationFor(const QLocale &wanted, const QStringList &translations)
{
    for (const QString &t : translations)
        if (QLocale(t).name() == wanted.name())
            return t;
    for (const QString &t : translations) {
        const QLocale l(t);
        if (l.language() == wanted.language() && l.script() == wanted.script())
            return t;
    }
    return {};
}

// The language for one entry of the system's list ("zh-CN", "de", "C"), or empty.
QString languageFor(const QString &uiLanguage, const QStringList &translations)
{
    const QLocale locale(uiLanguage);
    if (isEnglish(locale))
        return kEnglish;
    return translationFor(locale, translations);
}

// LC_ALL=C (or LC_MESSAGES or LANG, whichever decides) asks for the untranslated program, as it
// does of every gettext program; LANGUAGE, which QLocale::system() would still follow, does not
// count then.
bool messagesLocaleIsC()
{
    for (const char *variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QByteArray value = qgetenv(variable);
        if (!value.isEmpty())
            return value == "C" || value == "POSIX" || value.startsWith("C.");
    }
    return true;
}

} // namespace

QString languageSetting()
{
    return QSettings().value(QLatin1StringView(kLanguageSettingKey)).toString().trimmed();
}

QStringList availableLanguages()
{
    QStringList out{kEnglish};
    const QStringList files =
        QDir(kResourceDir).entryList({kPrefix + u"*.qm"}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        out.append(file.mid(kPrefix.size()).chopped(3)); // "captioneer_zh_CN.qm" -> "zh_CN"
    return out;
}

QString languageDisplayName(const QString &language)
{
    if (language == kEnglish)
        return u"English"_s;
    const QLocale locale(language);
    const QString name = locale.nativeLanguageName();
    return name.isEmpty() ? language : name;
}

QString resolveLanguage(const QString &languageOverride)
{
    const QStringList languages = availableLanguages();
    const QStringList translations = languages.mid(1);
    const QString wanted = languageOverride.trimmed();
    if (!wanted.isEmpty()) {
        if (wanted == kEnglish || languages.contains(wanted))
            return wanted;
        if (const QString l = languageFor(wanted, translations); !l.isEmpty())
            return l;
        // An unknown override (a removed translation, a typo in the settings file): the
        // system decides, as if none were set.
    }
    if (messagesLocaleIsC())
        return kEnglish;
    for (const QString &ui : QLocale::system().uiLanguages())
        if (const QString l = languageFor(ui, translations); !l.isEmpty())
            return l;
    return kEnglish;
}

QString installTranslations(QCoreApplication &app, const QString &languageOverride)
{
    const QList<QTranslator *> old =
        app.findChildren<QTranslator *>(kTranslatorName, Qt::FindDirectChildrenOnly);
    for (QTranslator *t : old) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }

    const QString language = resolveLanguage(languageOverride);
    if (language == kEnglish)
        return language;

    auto install = [&app](const QString &file, const QString &directory) {
        auto *translator = new QTranslator(&app);
        translator->setObjectName(kTranslatorName);
        if (translator->load(file, directory) && QCoreApplication::installTranslator(translator))
            return true;
        delete translator;
        return false;
    };
    // Captioneer's first: without it, Qt's own strings alone would make a mixed interface.
    if (!install(kPrefix + language, kResourceDir))
        return kEnglish;
    // QTranslator::load() also tries shorter names (qtbase_de for de_AT).
    install(u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return language;
}
