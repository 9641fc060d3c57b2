// The interface in Simplified Chinese: the language is chosen from the override or the system,
// the real editor window comes up translated (menus, Qt's own strings), and no label, button,
// group title or menu of the window and its main dialogs is narrower than its text, on a common
// desktop (1920x1080 logical pixels) at the scale factor of the run (CTest runs this at 100% and
// again with QT_SCALE_FACTOR=2). English rows run the same checks as the baseline.
#include "document.h"
#include "findreplacedialog.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "timingdialogs.h"
#include "transcribedialog.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QLayout>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The most common desktop, in logical pixels: a Full HD monitor at 100%, a 4K one at 200%.
constexpr int kScreenWidth = 1920;
constexpr int kScreenHeight = 1080;

const QRegularExpression kHan(u"\\p{Han}"_s);

double scaleFactor()
{
    bool ok = false;
    const double f = qEnvironmentVariable("QT_SCALE_FACTOR").toDouble(&ok);
    return ok && f > 0 ? f : 1.0;
}

QString describe(const QWidget *w, const QString &text)
{
    return u"%1 \"%2\""_s.arg(QString::fromLatin1(w->metaObject()->className()), text);
}

QString shownText(const QWidget *w)
{
    if (auto *l = qobject_cast<const QLabel *>(w))
        return l->text();
    if (auto *b = qobject_cast<const QAbstractButton *>(w))
        return b->text();
    if (auto *g = qobject_cast<const QGroupBox *>(w))
        return g->title();
    return {};
}

// Text inside a scroll area scrolls instead of being cut off.
bool scrolls(const QWidget *w, const QWidget *top)
{
    for (const QWidget *p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (qobject_cast<const QAbstractScrollArea *>(p))
            return true;
    return false;
}

// Every text of `top` that does not fit: a label, button or group box narrower than its
// minimum size hint (the whole text on one line, or for wrapped text, lower than the height it
// needs at its width), or lying outside the window; a toolbar item pushed into the toolbar's
// overflow; the window itself smaller than its own minimum or larger than the screen. Visible
// widgets only.
QStringList clippedTexts(QWidget *top, int *checked = nullptr)
{
    QStringList out;
    const QSize topMin = top->minimumSizeHint();
    if (topMin.isValid() && (top->width() < topMin.width() || top->height() < topMin.height()))
        out << u"the window is %1x%2, smaller than its minimum %3x%4"_s.arg(top->width())
                   .arg(top->height())
                   .arg(topMin.width())
                   .arg(topMin.height());
    const QSize screen = top->screen()->availableGeometry().size();
    if (top->isWindow() && (top->width() > screen.width() || top->height() > screen.height()))
        out << u"the window is %1x%2, larger than the screen (%3x%4)"_s.arg(top->width())
                   .arg(top->height())
                   .arg(screen.width())
                   .arg(screen.height());
    // A toolbar too narrow for its items hides the last ones behind its extension button.
    const QList<QToolBar *> toolBars = top->findChildren<QToolBar *>();
    for (QToolBar *bar : toolBars) {
        if (!bar->isVisibleTo(top))
            continue;
        const QList<QAction *> actions = bar->actions();
        for (QAction *a : actions) {
            QWidget *item = bar->widgetForAction(a);
            if (a->isVisible() && !a->isSeparator() && item && !item->isVisibleTo(top))
                out << u"toolbar \"%1\": an item (%2) is hidden in its overflow"_s.arg(
                    bar->windowTitle(), a->text().isEmpty() ? a->toolTip() : a->text());
        }
    }
    const QRect inside = top->rect();
    const QList<QWidget *> widgets = top->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const QString text = shownText(w);
        if (text.isEmpty() || !w->isVisibleTo(top) || scrolls(w, top))
            continue;
        if (checked)
            ++*checked;
        const QSize min = w->minimumSizeHint();
        if (w->width() < min.width())
            out << u"%1 is %2 px wide, its text needs %3"_s.arg(describe(w, text))
                       .arg(w->width())
                       .arg(min.width());
        const int needed = w->hasHeightForWidth() ? w->heightForWidth(w->width()) : min.height();
        if (w->height() < needed)
            out << u"%1 is %2 px high, its text needs %3"_s.arg(describe(w, text))
                       .arg(w->height())
                       .arg(needed);
        const QRect at(w->mapTo(top, QPoint(0, 0)), w->size());
        if (!inside.contains(at))
            out << u"%1 lies outside the window"_s.arg(describe(w, text));
    }
    return out;
}

QStringList clippedOnEveryTab(QWidget *top, int *checked)
{
    QStringList out = clippedTexts(top, checked);
    const QList<QTabWidget *> tabs = top->findChildren<QTabWidget *>();
    for (QTabWidget *tab : tabs) {
        const int current = tab->currentIndex();
        for (int i = 0; i < tab->count(); ++i) {
            tab->setCurrentIndex(i);
            for (const QString &p : clippedTexts(top, checked))
                if (!out.contains(p))
                    out << p;
        }
        tab->setCurrentIndex(current);
    }
    return out;
}

bool showAndSettle(QWidget *w)
{
    w->show();
    if (!QTest::qWaitForWindowExposed(w))
        return false;
    if (w->layout())
        w->layout()->activate();
    QCoreApplication::processEvents();
    return true;
}

// Every popup of a menu tree shown at the top left of the screen: it must be as wide as its
// contents (the longest action and its shortcut) and lie on the screen.
QStringList clippedMenu(QMenu *menu, const QString &path, int *checked)
{
    QStringList out;
    menu->popup(QPoint(0, 0));
    if (!QTest::qWaitForWindowExposed(menu))
        return {u"%1: the menu did not open"_s.arg(path)};
    const QRect screen = menu->screen()->availableGeometry();
    if (menu->width() < menu->sizeHint().width())
        out << u"%1: the menu is %2 px wide, its actions need %3"_s.arg(path)
                   .arg(menu->width())
                   .arg(menu->sizeHint().width());
    if (menu->geometry().right() > screen.right())
        out << u"%1: the menu reaches past the screen's right edge"_s.arg(path);
    const QList<QAction *> actions = menu->actions();
    for (QAction *a : actions) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        ++*checked;
        if (!menu->rect().contains(menu->actionGeometry(a)))
            out << u"%1 ▸ %2: outside its menu"_s.arg(path, a->text());
    }
    menu->hide();
    for (QAction *a : actions)
        if (a->menu() && a->isVisible())
            out << clippedMenu(a->menu(), path + u" ▸ "_s + a->text(), checked);
    return out;
}

// The texts of a menu tree, depth first, for comparing two languages entry by entry.
void collectMenuTexts(const QList<QAction *> &actions, const QString &path, QStringList &out)
{
    for (QAction *a : actions) {
        if (a->isSeparator())
            continue;
        out << a->text();
        if (a->menu())
            collectMenuTexts(a->menu()->actions(), path + u" ▸ "_s + a->text(), out);
    }
}

enum class Surface {
    Window,
    Menus,
    Shortcuts,
    ShiftTimes,
    TwoPointSync,
    FrameRate,
    FindReplace,
    Settings,
    Transcribe,
};

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void resolvesLanguage_data();
    void resolvesLanguage();
    void loadsCaptioneerAndQtCatalogues();
    void menusAreTranslated();
    void findsClippedText();
    void nothingClipped_data();
    void nothingClipped();

private:
    std::unique_ptr<MainWindow> makeWindow(const QString &language);

    QTemporaryDir m_autosave;
};

void TestTranslation::initTestCase()
{
    QVERIFY(m_autosave.isValid());
    // Without a Chinese font the text is drawn as boxes whose widths mean nothing.
    QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(),
             "no font for Simplified Chinese: install fonts-noto-cjk (packaging/deps.sh)");
    // Settings of these tests never touch the user's.
    QStandardPaths::setTestModeEnabled(true);
    const QScreen *screen = QGuiApplication::primaryScreen();
    qInfo("screen %dx%d logical pixels at %.0f%%", screen->geometry().width(),
          screen->geometry().height(), screen->devicePixelRatio() * 100);
    if (QGuiApplication::platformName() == u"offscreen") {
        QCOMPARE(screen->geometry().size(), QSize(kScreenWidth, kScreenHeight));
        QCOMPARE(screen->devicePixelRatio(), scaleFactor());
    }
}

void TestTranslation::cleanupTestCase()
{
    installTranslations(*qApp, u"en"_s);
}

std::unique_ptr<MainWindow> TestTranslation::makeWindow(const QString &language)
{
    if (installTranslations(*qApp, language) != language)
        return nullptr;
    MainWindow::Options options;
    options.audio = Player::Output::Disabled;
    options.autosaveDirectory = m_autosave.path();
    options.offerRestore = false;
    auto w = std::make_unique<MainWindow>(options);
    if (!showAndSettle(w.get()))
        return nullptr;
    return w;
}

void TestTranslation::resolvesLanguage_data()
{
    // The tests run with LC_ALL=C.UTF-8: the system's language is the untranslated one.
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no override: the system (C)") << QString() << u"en"_s;
    QTest::newRow("English") << u"en"_s << u"en"_s;
    QTest::newRow("Simplified Chinese") << u"zh_CN"_s << u"zh_CN"_s;
    QTest::newRow("Chinese without a country") << u"zh"_s << u"zh_CN"_s;
    QTest::newRow("Simplified Chinese of Singapore") << u"zh_SG"_s << u"zh_CN"_s;
    QTest::newRow("BCP 47 spelling") << u"zh-Hans-CN"_s << u"zh_CN"_s;
    QTest::newRow("Traditional Chinese: not Simplified, the system") << u"zh_TW"_s << u"en"_s;
    QTest::newRow("unknown language: the system") << u"xx"_s << u"en"_s;
}

void TestTranslation::resolvesLanguage()
{
    QFETCH(QString, override);
    QFETCH(QString, expected);
    QVERIFY(availableLanguages().contains(u"zh_CN"_s));
    QCOMPARE(availableLanguages().value(0), u"en"_s);
    QCOMPARE(resolveLanguage(override), expected);
}

void TestTranslation::loadsCaptioneerAndQtCatalogues()
{
    QCOMPARE(installTranslations(*qApp, u"zh_CN"_s), u"zh_CN"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"文件(&F)"_s);
    // Qt's own strings (Debian package qt6-translations-l10n): standard buttons.
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QVERIFY2(
        kHan.match(box.button(QDialogButtonBox::Cancel)->text()).hasMatch(),
        qPrintable(u"Cancel is \"%1\": Qt's translations are missing "
                   "(qt6-translations-l10n)"_s.arg(box.button(QDialogButtonBox::Cancel)->text())));

    // Again in English: everything back to the source texts.
    QCOMPARE(installTranslations(*qApp, u"en"_s), u"en"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&File"_s);
    QDialogButtonBox english(QDialogButtonBox::Cancel);
    QVERIFY(!kHan.match(english.button(QDialogButtonBox::Cancel)->text()).hasMatch());
}

void TestTranslation::menusAreTranslated()
{
    QStringList english, chinese;
    QStringList englishTitles, chineseTitles;
    {
        auto w = makeWindow(u"en"_s);
        QVERIFY(w);
        for (QAction *a : w->menuBar()->actions())
            englishTitles << a->text();
        collectMenuTexts(w->menuBar()->actions(), {}, english);
    }
    auto w = makeWindow(u"zh_CN"_s);
    QVERIFY(w);
    for (QAction *a : w->menuBar()->actions())
        chineseTitles << a->text();
    collectMenuTexts(w->menuBar()->actions(), {}, chinese);

    QVERIFY(englishTitles.size() >= 6);
    QCOMPARE(chineseTitles.size(), englishTitles.size());
    QCOMPARE(chineseTitles.value(0), u"文件(&F)"_s);
    for (int i = 0; i < englishTitles.size(); ++i) {
        const QString &title = chineseTitles[i];
        QVERIFY2(title != englishTitles[i] && kHan.match(title).hasMatch(),
                 qPrintable(u"menu \"%1\" is \"%2\""_s.arg(englishTitles[i], title)));
        // Chinese menus keep the English access key after the text: "编辑(&E)".
        const QString key = englishTitles[i].mid(englishTitles[i].indexOf(u'&') + 1, 1);
        QVERIFY2(title.endsWith(u"(&"_s + key.toUpper() + u")"),
                 qPrintable(u"menu \"%1\" has no access key (&%2)"_s.arg(title, key)));
    }
    // Every entry of every menu, except what is not a word of the interface (file names of the
    // recent files, which are none here, and preset identifiers).
    QCOMPARE(chinese.size(), english.size());
    QStringList untranslated;
    for (int i = 0; i < english.size(); ++i)
        if (chinese[i] == english[i] && english[i].contains(QRegularExpression(u"[A-Za-z]{3}"_s)))
            untranslated << english[i];
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(u", ")));
}

void TestTranslation::findsClippedText()
{
    // The check itself: a long text in a window too small for it is found.
    QDialog dialog;
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(u"一段很长很长的说明文字，窄窗口放不下它，一定会被截断。"_s, &dialog);
    layout->addWidget(label);
    auto *button = new QPushButton(u"一个按钮上很长很长的文字"_s, &dialog);
    layout->addWidget(button);
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    dialog.setMinimumSize(1, 1);
    QVERIFY(showAndSettle(&dialog));
    QVERIFY(clippedTexts(&dialog).isEmpty());
    dialog.resize(60, 40);
    QCoreApplication::processEvents();
    const QStringList found = clippedTexts(&dialog);
    QVERIFY2(found.size() >= 3, qPrintable(found.join(u'\n'))); // window, label, button
    QVERIFY(found.join(u'\n').contains(u"一段很长"_s));
    QVERIFY(found.join(u'\n').contains(u"一个按钮"_s));
}

void TestTranslation::nothingClipped_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("surfaceNumber");
    const std::pair<const char *, Surface> surfaces[] = {
        {"editor window", Surface::Window},         {"menus", Surface::Menus},
        {"keyboard shortcuts", Surface::Shortcuts}, {"shift times", Surface::ShiftTimes},
        {"two-point sync", Surface::TwoPointSync},  {"change frame rate", Surface::FrameRate},
        {"find and replace", Surface::FindReplace}, {"settings", Surface::Settings},
        {"transcribe", Surface::Transcribe},
    };
    for (const QString &language : {u"zh_CN"_s, u"en"_s})
        for (const auto &[name, surface] : surfaces)
            QTest::addRow("%s, %s", qPrintable(language), name) << language << int(surface);
}

void TestTranslation::nothingClipped()
{
    QFETCH(QString, language);
    QFETCH(int, surfaceNumber);
    const auto surface = Surface(surfaceNumber);
    auto w = makeWindow(language);
    QVERIFY(w);

    QStringList clipped;
    int checked = 0;
    QNetworkAccessManager nam; // outlives the settings dialog
    std::unique_ptr<QDialog> dialog;
    switch (surface) {
    case Surface::Window: {
        clipped = clippedTexts(w.get(), &checked);
        // Every menu title is on the menu bar itself, none in its overflow button.
        QMenuBar *bar = w->menuBar();
        for (QAction *a : bar->actions())
            if (!bar->rect().contains(bar->actionGeometry(a)) || bar->actionGeometry(a).isEmpty())
                clipped << u"menu \"%1\" does not fit on the menu bar"_s.arg(a->text());
        break;
    }
    case Surface::Menus:
        for (QAction *a : w->menuBar()->actions())
            clipped << clippedMenu(a->menu(), a->text(), &checked);
        break;
    case Surface::Shortcuts:
        dialog = std::make_unique<ShortcutsDialog>(w->shortcuts(), w.get());
        break;
    case Surface::ShiftTimes:
        dialog = std::make_unique<ShiftTimesDialog>(true, w.get());
        break;
    case Surface::TwoPointSync:
        dialog = std::make_unique<TwoPointSyncDialog>(1000, 3'600'000, 60'000, w.get());
        break;
    case Surface::FrameRate:
        dialog = std::make_unique<FrameRateDialog>(w.get());
        break;
    case Surface::FindReplace: {
        auto find = std::make_unique<FindReplaceDialog>(
            w->document(), [] { return CueId{}; }, [] { return QList<CueId>{}; }, w.get());
        find->setReplaceVisible(true);
        dialog = std::move(find);
        break;
    }
    case Surface::Settings:
        dialog = std::make_unique<SettingsDialog>(&nam, w.get());
        break;
    case Surface::Transcribe: {
        // A real file, so that the summary shows its length, size and plan.
        const QString media = QStringLiteral(CAPTIONEER_BINARY_DIR "/sample/captioneer-sample.wav");
        QVERIFY2(QFile::exists(media), qPrintable(media));
        dialog = std::make_unique<TranscribeDialog>(
            QStringList{media}, std::pair<qint64, qint64>{0, 2000}, true, QString(), w.get());
        break;
    }
    }
    if (dialog) {
        QVERIFY(showAndSettle(dialog.get()));
        if (surface == Surface::Settings) {
            // The key's status comes from the keychain a moment later; check its final text.
            const QString checking =
                QCoreApplication::translate("SettingsDialog", "Checking the keychain…");
            const auto stillChecking = [&] {
                const QList<QLabel *> labels = dialog->findChildren<QLabel *>();
                return std::any_of(labels.begin(), labels.end(),
                                   [&](const QLabel *l) { return l->text() == checking; });
            };
            QTRY_VERIFY(!stillChecking());
            QVERIFY(showAndSettle(dialog.get()));
        }
        clipped = clippedOnEveryTab(dialog.get(), &checked);
        if (language != u"en")
            QVERIFY2(kHan.match(dialog->windowTitle()).hasMatch(),
                     qPrintable(u"untranslated title \"%1\""_s.arg(dialog->windowTitle())));
    }
    qInfo("%d texts checked", checked);
    QVERIFY(checked >= 2);
    QVERIFY2(clipped.isEmpty(), qPrintable(u"\n"_s + clipped.join(u'\n')));
}

// The offscreen platform's screen is 800x600 device pixels unless configured: make it the
// desktop above at this run's scale factor, before the application starts.
int main(int argc, char **argv)
{
    QTemporaryDir config;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen" && config.isValid()) {
        const double f = scaleFactor();
        const QString path = config.filePath(u"offscreen.json"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        file.write(u"{\"screens\": [{\"name\": \"small\", \"x\": 0, \"y\": 0, \"width\": %1, "
                   "\"height\": %2, \"logicalDpi\": 96, \"logicalBaseDpi\": 96}]}"_s
                       .arg(qRound(kScreenWidth * f))
                       .arg(qRound(kScreenHeight * f))
                       .toUtf8());
        file.close();
        qputenv("QT_QPA_PLATFORM", (u"offscreen:configfile="_s + path).toLocal8Bit());
    }
    QApplication app(argc, argv);
    TestTranslation test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translation.moc"
