#include "chunkencoder.h"

#include <QTest>

// Placeholder: the real tests arrive with the implementation.
class Testchunkencoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(Testchunkencoder)
#include "tst_chunkencoder.moc"
