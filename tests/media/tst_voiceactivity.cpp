#include "voiceactivity.h"

#include <QTest>

// Placeholder: the real tests arrive with the implementation.
class Testvoiceactivity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(Testvoiceactivity)
#include "tst_voiceactivity.moc"
