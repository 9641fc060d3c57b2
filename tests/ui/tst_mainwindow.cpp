#include "document.h"
#include "mainwindow.h"
#include "track.h"

#include <QApplication>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensShowsAndCloses();
    void reportsUnreadableFile();
};

void TestMainWindow::opensShowsAndCloses()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/full.vtt")));
    QCOMPARE(w.document()->track()->count(), 6);
    auto *table = w.findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 6);
    QVERIFY(w.windowTitle().contains(u"full.vtt"_s));
    QVERIFY(w.close()); // unmodified: closes without asking
}

void TestMainWindow::reportsUnreadableFile()
{
    MainWindow w;
    // The warning dialog is modal; close it as soon as it appears.
    QTimer::singleShot(0, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(!w.openFile(QStringLiteral(CAPTIONEER_TEST_DATA "/subtitles/garbage.txt")));
    QCOMPARE(w.document()->track()->count(), 0);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
