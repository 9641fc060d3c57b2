#include "textencoding.h"

#include <QTest>

class TestTextEncoding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void utf8PassesThrough()
    {
        auto r = decodeText(QByteArray("abc"));
        QVERIFY(r.ok());
        QCOMPARE(r->text, QStringLiteral("abc"));
    }
};

QTEST_GUILESS_MAIN(TestTextEncoding)
#include "tst_textencoding.moc"
